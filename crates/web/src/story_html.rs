//! The story page: headline, summary, sources, timeline, perspectives, figures, entities and
//! related stories of one [`StoryPage`].
//!
//! Every statement on the page names and links the source it comes from: summary sentences,
//! quotes and figure claims link to the source's entry in the source list (an anchor on the same
//! page, so the links work in an exported file too).
//!
//! Long lists are capped so that even a story of hundreds of articles stays a page of reasonable
//! size; what is left out is counted on the page and is complete in the JSON form.

use crate::html::{
    Ctx, article_href, document, entity_href, lang_attr, language_name, plural, span_el,
    story_href, time_el,
};
use maud::{Markup, html};
use parallax_analysis::{EntityKind, QuoteKind};
use parallax_story::{
    BackgroundSource, ConflictKind, FigureGroup, FigureStatus, Perspective, Source, StoryEntity,
    StoryPage, TimelineKind,
};
use std::collections::HashMap;

/// Most summary sentences shown.
const MAX_SUMMARY: usize = 8;
/// Most sources shown (originals and copies together).
const MAX_SOURCES: usize = 40;
/// Most timeline entries shown.
const MAX_TIMELINE: usize = 30;
/// Most perspectives shown.
const MAX_PERSPECTIVES: usize = 16;
/// Most quotes shown per perspective.
const MAX_QUOTES: usize = 3;
/// Most characters of one quote shown.
const MAX_QUOTE_CHARS: usize = 400;
/// Most figure groups shown.
const MAX_FIGURES: usize = 16;
/// Most claims shown per figure group.
const MAX_CLAIMS: usize = 8;
/// Most entities shown.
const MAX_ENTITIES: usize = 30;
/// Most aliases shown per entity.
const MAX_ALIASES: usize = 12;
/// Most related stories shown.
const MAX_RELATED: usize = 10;
/// Most characters of a title, summary sentence, figure phrase or background shown.
const MAX_TEXT_CHARS: usize = 300;

/// Renders a story page as a complete, standalone HTML document (no external resources, no
/// script; links between parts of the page are anchors, sources link to their own URLs).
///
/// This is the `parallax story ID --format html` output. The web server renders the same page
/// with links to its article, entity and story pages.
pub fn render_story_page(page: &StoryPage) -> String {
    story_document(page, Ctx::STANDALONE).into_string()
}

/// The story page as a document, for the given context.
pub(crate) fn story_document(page: &StoryPage, ctx: Ctx) -> Markup {
    let title = headline_text(page);
    document(&title, ctx, None, story_body(page, ctx))
}

/// The headline, or a stand-in when the story has none.
fn headline_text(page: &StoryPage) -> String {
    let t = page.headline.text.trim();
    if t.is_empty() {
        format!("Story {}", page.id)
    } else {
        t.to_string()
    }
}

/// Where on the page each article's source entry is: article key → anchor id.
struct Anchors<'a> {
    ids: HashMap<&'a str, usize>,
    outlets: HashMap<&'a str, &'a str>,
}

impl<'a> Anchors<'a> {
    fn new(page: &'a StoryPage) -> Self {
        let mut ids = HashMap::new();
        let mut outlets = HashMap::new();
        for (i, s) in page.sources.iter().enumerate() {
            ids.entry(s.article.as_str()).or_insert(i + 1);
            if let Some(o) = &s.outlet {
                outlets.entry(s.article.as_str()).or_insert(o.as_str());
            }
        }
        Anchors { ids, outlets }
    }

    /// A link to the source entry of `article`, labelled with the outlet (or `fallback`).
    fn cite(&self, article: &str, outlet: Option<&str>, ctx: Ctx) -> Markup {
        let label = outlet
            .or_else(|| self.outlets.get(article).copied())
            .unwrap_or("source");
        html! {
            @match self.ids.get(article) {
                Some(i) => a href={ "#src-" (i) } { (label) },
                None if ctx.server => a href=(article_href(article)) { (label) },
                None => span { (label) },
            }
        }
    }
}

/// Cuts `text` to at most `max` characters, ending with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_string(),
    }
}

/// "and 12 more" under a capped list.
fn more(total: usize, shown: usize, what: &str) -> Markup {
    html! {
        @if total > shown {
            p.meta { "… and " (total - shown) " more " (what) " (all of them are in the JSON form of this story)." }
        }
    }
}

fn story_body(page: &StoryPage, ctx: Ctx) -> Markup {
    let anchors = Anchors::new(page);
    let total = page.sources.len() as u64;
    html! {
        article aria-labelledby="story-h" {
            h1 #story-h lang=[lang_attr(page.headline.language.as_deref())] { (headline_text(page)) }
            p.meta {
                (plural(total, "article", "articles")) ": "
                strong { (plural(page.independent_sources as u64, "independent source", "independent sources")) }
                @if page.copies > 0 { ", " (plural(page.copies as u64, "copy", "copies")) }
                " · " (span_el(page.first_published.as_deref(), page.last_published.as_deref()))
            }
            @if !page.languages.is_empty() {
                p.meta #languages {
                    "Languages: "
                    @for (i, l) in page.languages.iter().enumerate() {
                        @if i > 0 { ", " }
                        span.lang data-lang=(l) { (language_name(l)) }
                    }
                }
            }
            (summary(page, &anchors, ctx))
            (sources(page, ctx))
            (timeline(page, &anchors, ctx))
            (perspectives(page, &anchors, ctx))
            (figures(page, &anchors, ctx))
            (entities(page, &anchors, ctx))
            (related(page, ctx))
        }
    }
}

fn summary(page: &StoryPage, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        section aria-labelledby="summary-h" {
            h2 #summary-h { "Summary" }
            @if page.summary.is_empty() {
                p.muted { "No summary could be drawn from the sources." }
            } @else {
                ul.summary {
                    @for s in page.summary.iter().take(MAX_SUMMARY) {
                        li {
                            span lang=[lang_attr(s.language.as_deref())] { (clip(&s.text, MAX_TEXT_CHARS)) }
                            " "
                            span.meta { "(" (anchors.cite(&s.article, s.outlet.as_deref(), ctx)) ")" }
                        }
                    }
                }
                (more(page.summary.len(), MAX_SUMMARY, "sentences"))
            }
        }
    }
}

/// One source line: title linked to the article, outlet, language, time, authors.
fn source_line(s: &Source, ctx: Ctx) -> Markup {
    let title = clip(
        s.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("(untitled)"),
        MAX_TEXT_CHARS,
    );
    html! {
        @match &s.url {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                a href=(url) rel="noopener noreferrer nofollow" lang=[lang_attr(s.language.as_deref())] { (title) }
            }
            _ => span lang=[lang_attr(s.language.as_deref())] { (title) },
        }
        p.meta {
            strong { (s.outlet.as_deref().unwrap_or("unknown outlet")) }
            " · " (s.language.as_deref().map(language_name).unwrap_or_else(|| "language unknown".into()))
            " · " (time_el(s.published.as_deref()))
            @if !s.authors.is_empty() { " · by " (s.authors.join(", ")) }
            @if ctx.server { " · " a href=(article_href(&s.article)) { "article details" } }
        }
    }
}

/// The source entries shown: originals in page order, each with its copies, at most
/// [`MAX_SOURCES`] entries in all. Each comes with its position in `page.sources`.
type Shown<'a> = Vec<(usize, &'a Source, Vec<(usize, &'a Source)>)>;

fn shown_sources(page: &StoryPage) -> (Shown<'_>, usize) {
    let index: HashMap<&str, usize> = page
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.article.as_str(), i))
        .collect();
    let mut budget = MAX_SOURCES;
    let mut out = Vec::new();
    for (i, s) in page.sources.iter().enumerate() {
        let nested = s
            .copy_of
            .as_ref()
            .is_some_and(|o| index.contains_key(o.as_str()));
        if nested || budget == 0 {
            continue;
        }
        budget -= 1;
        let mut copies = Vec::new();
        for k in &s.copies {
            if budget == 0 {
                break;
            }
            if let Some(&j) = index.get(k.as_str()) {
                budget -= 1;
                copies.push((j, &page.sources[j]));
            }
        }
        out.push((i, s, copies));
    }
    (out, MAX_SOURCES - budget)
}

fn sources(page: &StoryPage, ctx: Ctx) -> Markup {
    let (shown, count) = shown_sources(page);
    html! {
        section aria-labelledby="sources-h" {
            h2 #sources-h { "Sources" }
            p.meta {
                (plural(page.independent_sources as u64, "independent source", "independent sources"))
                @if page.copies > 0 { " and " (plural(page.copies as u64, "copy or reprint", "copies or reprints")) }
                "."
            }
            ol.plain {
                @for (i, s, copies) in &shown {
                    li #{ "src-" (i + 1) } {
                        (source_line(s, ctx))
                        p {
                            @if s.independent {
                                span.badge.ok { "independent" }
                            } @else {
                                span.badge.warn { "copy" }
                            }
                        }
                        @if !copies.is_empty() {
                            details {
                                summary { (plural(copies.len() as u64, "copy or reprint", "copies or reprints")) " of this report" }
                                ul.plain {
                                    @for (j, c) in copies {
                                        li #{ "src-" (j + 1) } {
                                            span.badge.warn { "copy" } " "
                                            (source_line(c, ctx))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (more(page.sources.len(), count, "sources"))
        }
    }
}

fn timeline(page: &StoryPage, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        section aria-labelledby="timeline-h" {
            h2 #timeline-h { "Timeline" }
            @if page.timeline.is_empty() {
                p.muted { "No dated reports." }
            } @else {
                ol.plain {
                    @for e in page.timeline.iter().take(MAX_TIMELINE) {
                        li {
                            (time_el(e.time.as_deref())) " "
                            @match e.kind {
                                TimelineKind::First => span.badge.ok { "first report" },
                                TimelineKind::Update => span.badge { "update" },
                                TimelineKind::Copy => span.badge.warn { "copy" },
                            }
                            " " (anchors.cite(&e.article, e.outlet.as_deref(), ctx))
                            @if let Some(t) = &e.title {
                                ": " span lang=[lang_attr(e.language.as_deref())] { (clip(t, MAX_TEXT_CHARS)) }
                            }
                            @if let Some(n) = &e.note { p.meta { (n) } }
                        }
                    }
                }
                (more(page.timeline.len(), MAX_TIMELINE, "entries"))
            }
        }
    }
}

fn quote_kind(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct quote",
        QuoteKind::Indirect => "reported speech",
        QuoteKind::Mixed => "partly quoted",
    }
}

fn perspective_card(p: &Perspective, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        li.card {
            h3 {
                @if ctx.server { a href=(entity_href(&p.speaker)) { (p.speaker) } } @else { (p.speaker) }
            }
            @if let Some(r) = &p.role { p.meta { (r) } }
            @if let Some(a) = &p.affiliation { p.meta { (a) } }
            @if !p.outlets.is_empty() {
                p.meta {
                    @if p.analysis { "Analysis for " } @else { "Speaks for " }
                    strong.outlet { (p.outlets.join(", ")) }
                }
            } @else if p.analysis {
                p.meta { "Analysis" }
            }
            @for q in p.quotes.iter().take(MAX_QUOTES) {
                blockquote lang=[lang_attr(q.language.as_deref())] {
                    p { (clip(&q.text, MAX_QUOTE_CHARS)) }
                }
                p.meta { (quote_kind(q.kind)) ", reported by " (anchors.cite(&q.article, q.reported_by.as_deref(), ctx)) }
            }
            (more(p.quotes.len(), MAX_QUOTES, "statements"))
        }
    }
}

fn perspectives(page: &StoryPage, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        section aria-labelledby="perspectives-h" {
            h2 #perspectives-h { "Perspectives" }
            @if page.perspectives.is_empty() {
                p.muted { "No quoted speakers." }
            } @else {
                ul.cards {
                    @for p in page.perspectives.iter().take(MAX_PERSPECTIVES) {
                        (perspective_card(p, anchors, ctx))
                    }
                }
                (more(page.perspectives.len(), MAX_PERSPECTIVES, "speakers"))
            }
        }
    }
}

/// The status badge of a figure group and the conflict kind written out.
fn figure_status(g: &FigureGroup) -> Markup {
    html! {
        @match g.status {
            FigureStatus::Single => span.badge.muted { "one source" },
            FigureStatus::Agreement => span.badge.ok { "sources agree" },
            FigureStatus::Conflict => {
                span.badge.bad { "conflict" }
                " "
                span.conflict-kind {
                    @match g.conflict {
                        Some(ConflictKind::Update) => "Update: a later report gives a revised figure.",
                        Some(ConflictKind::Disagreement) => "Disagreement: reports from about the same time give different figures.",
                        Some(ConflictKind::Scope) => "Different scope: the reports count different things.",
                        None => "The reports give different figures.",
                    }
                }
            }
        }
    }
}

fn figures(page: &StoryPage, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    let lang_of: HashMap<&str, Option<&str>> = page
        .sources
        .iter()
        .map(|s| (s.article.as_str(), s.language.as_deref()))
        .collect();
    let lang = |article: &str| lang_attr(lang_of.get(article).copied().flatten());
    // Figures several sources report come first, each compared in a card of its own; figures
    // of one source share one table.
    let compared: Vec<&FigureGroup> = page
        .figures
        .iter()
        .filter(|g| g.status != FigureStatus::Single)
        .take(MAX_FIGURES)
        .collect();
    let single: Vec<&FigureGroup> = page
        .figures
        .iter()
        .filter(|g| g.status == FigureStatus::Single)
        .take(MAX_FIGURES)
        .collect();
    let shown = compared.len() + single.len();
    html! {
        section aria-labelledby="figures-h" {
            h2 #figures-h { "Figures" }
            @if page.figures.is_empty() {
                p.muted { "No figures reported." }
            }
            @for (n, g) in compared.iter().enumerate() {
                section.card.figure aria-labelledby={ "fig-" (n) } {
                    h3 #{ "fig-" (n) } {
                        (g.measure)
                        @if let Some(a) = &g.about { ": " (a) }
                    }
                    p { (figure_status(g)) }
                    @if let Some(note) = &g.note { p.meta { (note) } }
                    div.scroll {
                        table {
                            thead { tr {
                                th scope="col" { "Figure" }
                                th scope="col" { "As written" }
                                th scope="col" { "Source" }
                                th scope="col" { "Where" }
                                th scope="col" { "Published" }
                            } }
                            tbody {
                                @for c in g.claims.iter().take(MAX_CLAIMS) {
                                    tr {
                                        td { strong { (c.display) } }
                                        td lang=[lang(&c.article)] { "“" (clip(&c.text, MAX_TEXT_CHARS)) "”" }
                                        td { (anchors.cite(&c.article, c.outlet.as_deref(), ctx)) }
                                        td { (c.location.as_deref().unwrap_or("article text")) }
                                        td { (time_el(c.published.as_deref())) }
                                    }
                                }
                            }
                        }
                    }
                    (more(g.claims.len(), MAX_CLAIMS, "reports"))
                }
            }
            @if !single.is_empty() {
                h3 { "Reported by one source" }
                div.scroll {
                    table.single-figures {
                        thead { tr {
                            th scope="col" { "What" }
                            th scope="col" { "Figure" }
                            th scope="col" { "As written" }
                            th scope="col" { "Source" }
                            th scope="col" { "Where" }
                        } }
                        tbody {
                            @for g in &single {
                                @for c in g.claims.iter().take(MAX_CLAIMS) {
                                    tr {
                                        td { (g.measure) @if let Some(a) = &g.about { ": " (a) } }
                                        td { strong { (c.display) } }
                                        td lang=[lang(&c.article)] { "“" (clip(&c.text, MAX_TEXT_CHARS)) "”" }
                                        td { (anchors.cite(&c.article, c.outlet.as_deref(), ctx)) }
                                        td { (c.location.as_deref().unwrap_or("article text")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (more(page.figures.len(), shown, "figures"))
        }
    }
}

fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "organisation",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

fn entity_item(e: &StoryEntity, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        li {
            strong {
                @if ctx.server { a href=(entity_href(&e.name)) { (e.name) } } @else { (e.name) }
            }
            " " span.meta { "(" (entity_kind(e.kind)) ", " (plural(e.mentions as u64, "mention", "mentions"))
                " in " (plural(e.articles as u64, "article", "articles")) ")" }
            @if !e.aliases.is_empty() {
                p.meta {
                    "Also written: "
                    @for (i, a) in e.aliases.iter().take(MAX_ALIASES).enumerate() {
                        @if i > 0 { ", " }
                        span.alias { (a) }
                    }
                    @if e.aliases.len() > MAX_ALIASES { ", …" }
                }
            }
            @if let Some(b) = &e.background {
                p {
                    (clip(&b.text, 2 * MAX_TEXT_CHARS))
                    " "
                    span.meta {
                        @match &b.source {
                            BackgroundSource::Knowledge { title, url } => {
                                "(Background: "
                                @match url {
                                    Some(u) if u.starts_with("https://") || u.starts_with("http://") => a href=(u) rel="noopener noreferrer nofollow" { (title) },
                                    _ => (title),
                                }
                                ")"
                            }
                            BackgroundSource::Article { article } => {
                                "(Background from " (anchors.cite(article, None, ctx)) ")"
                            }
                        }
                    }
                }
            }
        }
    }
}

fn entities(page: &StoryPage, anchors: &Anchors<'_>, ctx: Ctx) -> Markup {
    html! {
        section aria-labelledby="entities-h" {
            h2 #entities-h { "People, organisations and places" }
            @if page.entities.is_empty() {
                p.muted { "No entities found." }
            } @else {
                @let shown: Vec<&StoryEntity> = page.entities.iter().take(MAX_ENTITIES).collect();
                // Entities with background get the full width; the others share a grid.
                ul.plain {
                    @for e in shown.iter().filter(|e| e.background.is_some()) { (entity_item(e, anchors, ctx)) }
                }
                ul.cards.entities {
                    @for e in shown.iter().filter(|e| e.background.is_none()) { (entity_item(e, anchors, ctx)) }
                }
                (more(page.entities.len(), MAX_ENTITIES, "entities"))
            }
        }
    }
}

fn related(page: &StoryPage, ctx: Ctx) -> Markup {
    html! {
        @if !page.related.is_empty() {
            section aria-labelledby="related-h" {
                h2 #related-h { "Related stories" }
                ul.plain {
                    @for r in page.related.iter().take(MAX_RELATED) {
                        li {
                            @if ctx.server { a href=(story_href(r.id)) { (r.headline) } } @else { (r.headline) " (story " (r.id) ")" }
                            @if !r.shared_entities.is_empty() {
                                p.meta { "Shares: " (r.shared_entities.join(", ")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use parallax_analysis::Value;
    use parallax_story::{
        Background, FigureClaim, Headline, PerspectiveQuote, RelatedStory, SummarySentence,
        TimelineEntry,
    };

    /// A small two-language story made up for tests, with hostile text in every field that
    /// shows article text.
    pub(crate) fn sample_page() -> StoryPage {
        let evil = "<script>alert(1)</script>";
        StoryPage {
            id: 7,
            headline: Headline {
                text: format!("Bridge closes {evil}"),
                language: Some("en".into()),
                article: Some("a1".into()),
            },
            languages: vec!["en".into(), "sv".into()],
            first_published: Some("2024-05-01T08:00:00Z".into()),
            last_published: Some("2024-05-02T09:30:00+02:00".into()),
            summary: vec![
                SummarySentence {
                    text: format!("The harbour bridge closed on Monday {evil}."),
                    article: "a1".into(),
                    outlet: Some("Harbour Times".into()),
                    language: Some("en".into()),
                },
                SummarySentence {
                    text: "Bron stängdes i måndags.".into(),
                    article: "b1".into(),
                    outlet: Some("Hamnbladet".into()),
                    language: Some("sv".into()),
                },
            ],
            sources: vec![
                Source {
                    article: "a1".into(),
                    title: Some(format!("Bridge closes {evil}")),
                    outlet: Some("Harbour Times".into()),
                    url: Some("https://times.example/bridge".into()),
                    language: Some("en".into()),
                    published: Some("2024-05-01T08:00:00Z".into()),
                    authors: vec!["Ann Writer".into()],
                    independent: true,
                    copy_of: None,
                    copies: vec!["a2".into()],
                },
                Source {
                    article: "a2".into(),
                    title: Some("Bridge closes".into()),
                    outlet: Some("Reprint Daily".into()),
                    url: Some("javascript:alert(1)".into()),
                    language: Some("en".into()),
                    published: Some("2024-05-01T10:00:00Z".into()),
                    authors: vec![],
                    independent: false,
                    copy_of: Some("a1".into()),
                    copies: vec![],
                },
                Source {
                    article: "b1".into(),
                    title: Some("Bron stängs".into()),
                    outlet: Some("Hamnbladet".into()),
                    url: Some("https://hamn.example/bron".into()),
                    language: Some("sv".into()),
                    published: Some("2024-05-02T09:30:00+02:00".into()),
                    authors: vec![],
                    independent: true,
                    copy_of: None,
                    copies: vec![],
                },
            ],
            independent_sources: 2,
            copies: 1,
            timeline: vec![
                TimelineEntry {
                    time: Some("2024-05-01T08:00:00Z".into()),
                    kind: TimelineKind::First,
                    article: "a1".into(),
                    outlet: Some("Harbour Times".into()),
                    language: Some("en".into()),
                    title: Some("Bridge closes".into()),
                    note: None,
                },
                TimelineEntry {
                    time: Some("2024-05-02T09:30:00+02:00".into()),
                    kind: TimelineKind::Update,
                    article: "b1".into(),
                    outlet: Some("Hamnbladet".into()),
                    language: Some("sv".into()),
                    title: Some("Bron stängs".into()),
                    note: Some("cars stranded: 40 → 55".into()),
                },
            ],
            perspectives: vec![
                Perspective {
                    speaker: format!("Erik Engineer {evil}"),
                    role: Some("a bridge engineer".into()),
                    affiliation: Some("the Harbour Authority".into()),
                    outlets: vec![],
                    analysis: false,
                    quotes: vec![PerspectiveQuote {
                        text: format!("The cables are worn {evil}"),
                        kind: QuoteKind::Direct,
                        article: "a1".into(),
                        reported_by: Some("Harbour Times".into()),
                        language: Some("en".into()),
                    }],
                },
                Perspective {
                    speaker: "Sara Skribent".into(),
                    role: None,
                    affiliation: None,
                    outlets: vec!["Hamnbladet".into()],
                    analysis: true,
                    quotes: vec![PerspectiveQuote {
                        text: "Bron borde ha lagats för länge sedan".into(),
                        kind: QuoteKind::Indirect,
                        article: "b1".into(),
                        reported_by: Some("Hamnbladet".into()),
                        language: Some("sv".into()),
                    }],
                },
            ],
            figures: vec![FigureGroup {
                measure: "cars stranded".into(),
                about: Some("the harbour bridge".into()),
                status: FigureStatus::Conflict,
                conflict: Some(ConflictKind::Disagreement),
                note: Some("Harbour Times: over 40; Hamnbladet box: 55".into()),
                claims: vec![
                    FigureClaim {
                        value: Value::Int(40),
                        qualifier: Some("more than".into()),
                        display: ">40".into(),
                        text: "over 40 cars were stranded".into(),
                        article: "a1".into(),
                        outlet: Some("Harbour Times".into()),
                        published: Some("2024-05-01T08:00:00Z".into()),
                        location: None,
                    },
                    FigureClaim {
                        value: Value::Int(55),
                        qualifier: None,
                        display: "55".into(),
                        text: "55 bilar".into(),
                        article: "b1".into(),
                        outlet: Some("Hamnbladet".into()),
                        published: Some("2024-05-02T09:30:00+02:00".into()),
                        location: Some("background box (Wikipedia)".into()),
                    },
                ],
            }],
            entities: vec![StoryEntity {
                name: "Harbour Authority".into(),
                kind: EntityKind::Org,
                aliases: vec!["Hamnmyndigheten".into(), evil.into()],
                mentions: 4,
                articles: 2,
                background: Some(Background {
                    text: "The body that runs the harbour.".into(),
                    source: BackgroundSource::Article {
                        article: "b1".into(),
                    },
                }),
            }],
            related: vec![RelatedStory {
                id: 9,
                headline: format!("Ferry strike {evil}"),
                shared_entities: vec!["Harbour Authority".into()],
                score: 0.4,
            }],
        }
    }

    #[test]
    fn standalone_page_shows_every_part_and_escapes_article_text() {
        let html = render_story_page(&sample_page());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<script>"), "unescaped script in page");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for needle in [
            "Bridge closes",
            "Swedish (sv)",
            "English (en)",
            "href=\"#src-1\"",
            "id=\"src-3\"",
            "Harbour Times",
            "Hamnbladet",
            "independent",
            "a bridge engineer",
            "the Harbour Authority",
            "Analysis for",
            "lang=\"sv\"",
            "conflict",
            "Disagreement: reports from about the same time",
            "&gt;40",
            "background box (Wikipedia)",
            "Hamnmyndigheten",
            "cars stranded: 40 → 55",
            "Ferry strike",
        ] {
            assert!(html.contains(needle), "missing {needle:?}");
        }
        // A standalone file links to nothing on a server, and never to a javascript: URL.
        assert!(!html.contains("href=\"/"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn served_page_links_to_other_pages() {
        let html = story_document(&sample_page(), Ctx::SERVER).into_string();
        assert!(html.contains("href=\"/articles/a1\""));
        assert!(html.contains("href=\"/stories/9\""));
        assert!(html.contains("href=\"/entities/Harbour%20Authority\""));
        assert!(!html.contains("<script>alert"));
    }

    #[test]
    fn a_huge_story_stays_under_100_kb() {
        let mut page = sample_page();
        let long = "word ".repeat(400);
        for i in 0..2000 {
            let key = format!("k{i}");
            page.sources.push(Source {
                article: key.clone(),
                title: Some(long.clone()),
                outlet: Some("Outlet".into()),
                independent: true,
                ..Default::default()
            });
            page.timeline.push(TimelineEntry {
                article: key.clone(),
                ..Default::default()
            });
            page.summary.push(SummarySentence {
                text: long.clone(),
                article: key.clone(),
                ..Default::default()
            });
        }
        for p in 0..200 {
            let mut persp = page.perspectives[0].clone();
            persp.speaker = format!("Speaker {p}");
            persp.quotes = vec![persp.quotes[0].clone(); 50];
            persp.quotes[0].text = long.clone();
            page.perspectives.push(persp);
        }
        for t in &mut page.timeline {
            t.title = Some(long.clone());
        }
        for p in &mut page.perspectives {
            for q in &mut p.quotes {
                q.text = long.clone();
            }
        }
        // Every text is long here, and there are thousands of items: the page still stays small.
        let html = render_story_page(&page);
        assert!(html.len() < 100_000, "{} bytes", html.len());
        assert!(html.contains("more sources"));
    }

    #[test]
    fn empty_story_renders() {
        let html = render_story_page(&StoryPage::default());
        assert!(html.contains("Story 0"));
        assert!(html.contains("No summary"));
    }
}
