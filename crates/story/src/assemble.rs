//! The assembly driver: prepares every article once (outlet, time, sentences, analyses of the
//! body and of each background box), then builds each section of the page.

use std::borrow::Cow;
use std::collections::HashMap;

use parallax_analysis::Analysis;
use parallax_core::Article;

use crate::entities::Entities;
use crate::input::{AssembleOptions, RelatedCandidate, StoryArticle};
use crate::page::{Headline, RelatedStory, Source, StoryPage, TimelineEntry, TimelineKind};
use crate::text::{Sentence, Time, norm_name, parse_time, sentences, url_host};

/// Longest text analysed per body or box, in bytes: bounds the work on absurd inputs.
const MAX_TEXT_BYTES: usize = 2_000_000;

/// One analysed text of an article: its body or one background box.
pub(crate) struct Part<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// Its analysis.
    pub analysis: Cow<'a, Analysis>,
    /// `None` for the body; for a box, its label ("background box (Wikipedia (en))").
    pub location: Option<String>,
    /// Its sentences.
    pub sents: Vec<Sentence>,
    /// For a box: the subject it is about ("IS-Khorasan").
    pub subject: Option<String>,
}

/// One article, prepared.
pub(crate) struct Prep<'a> {
    /// Store key.
    pub key: &'a str,
    /// The article.
    pub art: &'a Article,
    /// Not a copy.
    pub independent: bool,
    /// For a copy: its original's key.
    pub copy_key: Option<&'a str>,
    /// Outlet: site name, else URL host.
    pub outlet: Option<String>,
    /// Language of the body.
    pub lang: Option<String>,
    /// Publication time.
    pub time: Option<Time>,
    /// Body first, then the boxes.
    pub parts: Vec<Part<'a>>,
}

/// Cuts a text to at most `MAX_TEXT_BYTES` at a character boundary.
fn capped(s: &str) -> &str {
    if s.len() <= MAX_TEXT_BYTES {
        return s;
    }
    let mut end = MAX_TEXT_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn prepare<'a>(sa: &'a StoryArticle) -> Prep<'a> {
    let art = &sa.article;
    let body = art.body_text();
    let body: Cow<'a, str> = if body.len() > MAX_TEXT_BYTES {
        Cow::Owned(capped(&body).to_string())
    } else {
        Cow::Owned(body)
    };
    let analysis = match &sa.analysis {
        Some(a) => Cow::Borrowed(a),
        None => Cow::Owned(parallax_analysis::analyze(&body, art.language.as_deref())),
    };
    let lang = art
        .language
        .clone()
        .or_else(|| analysis.language.clone())
        .filter(|l| !l.is_empty())
        .map(|l| l.to_lowercase());
    let sents = sentences(&body);
    let mut parts = vec![Part {
        text: body,
        analysis,
        location: None,
        sents,
        subject: None,
    }];
    for aside in &art.asides {
        let text = capped(&aside.text);
        if text.trim().is_empty() {
            continue;
        }
        let alang = aside.lang.clone().or_else(|| lang.clone());
        let analysis = parallax_analysis::analyze(text, alang.as_deref());
        parts.push(Part {
            text: Cow::Borrowed(text),
            analysis: Cow::Owned(analysis),
            location: Some(aside_location(aside)),
            sents: sentences(text),
            subject: aside.subject.clone(),
        });
    }
    let copy_of = sa
        .copy_of
        .as_deref()
        .filter(|c| !c.is_empty() && *c != sa.key);
    Prep {
        key: &sa.key,
        art,
        independent: copy_of.is_none(),
        copy_key: copy_of,
        outlet: outlet_of(art),
        lang,
        time: art
            .published
            .as_deref()
            .or(art.modified.as_deref())
            .and_then(parse_time),
        parts,
    }
}

/// "background box (Wikipedia (en))" from a box's label and source.
fn aside_location(a: &parallax_core::Aside) -> String {
    let label = a.label.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let kind = match label.map(str::to_lowercase).as_deref() {
        None
        | Some("bakgrund" | "background" | "hintergrund" | "tło" | "contexte" | "contexto") => {
            "background box".to_string()
        }
        Some(_) => format!("box “{}”", label.unwrap_or_default()),
    };
    match a.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(src) => format!("{kind} ({src})"),
        None => kind,
    }
}

/// The outlet of an article: its site name, else its URL's host without `www.`.
pub fn outlet_of(a: &Article) -> Option<String> {
    a.site
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| {
            a.url
                .as_deref()
                .or(a.canonical_url.as_deref())
                .and_then(url_host)
        })
}

/// Assembles the page of story `id` from its articles (with their analyses, computed here when
/// missing) and candidate related stories. Pure; never panics; roughly linear in the input.
pub fn assemble(
    id: u64,
    articles: &[StoryArticle],
    related: &[RelatedCandidate],
    opts: &AssembleOptions,
) -> StoryPage {
    let preps: Vec<Prep<'_>> = articles.iter().map(prepare).collect();
    // Time order (unknown last), input order breaking ties.
    let mut order: Vec<usize> = (0..preps.len()).collect();
    order.sort_by_key(|&i| (preps[i].time.is_none(), preps[i].time, i));

    let ents = Entities::build(&preps);
    let (figures, main_groups) = crate::figures::build(&preps, &order, &ents);
    let timeline = timeline(&preps, &order, &figures, &main_groups);
    let entities = ents.story_entities(&preps, opts.knowledge, opts.language);
    let related = rank_related(&entities, related);
    let summary = crate::summary::build(&preps, &ents, opts);
    let perspectives = crate::perspectives::build(&preps, &order);
    let (sources, independent_sources, copies) = sources(&preps, &order);

    let known: Vec<&Time> = preps.iter().filter_map(|p| p.time.as_ref()).collect();
    StoryPage {
        id,
        headline: headline(&preps, &order, opts.language),
        languages: languages(&preps),
        first_published: known.iter().min().map(|t| t.display()),
        last_published: known.iter().max().map(|t| t.display()),
        summary,
        sources,
        independent_sources,
        copies,
        timeline,
        perspectives,
        figures,
        entities,
        related,
    }
}

/// Languages, most articles first, first appearance breaking ties.
fn languages(preps: &[Prep<'_>]) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in preps {
        if let Some(l) = &p.lang {
            match counts.iter_mut().find(|(x, _)| x == l) {
                Some((_, n)) => *n += 1,
                None => counts.push((l.clone(), 1)),
            }
        }
    }
    // Stable sort keeps first appearance among equals.
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts.into_iter().map(|(l, _)| l).collect()
}

/// A title cleaned for use as a headline: the outlet suffix (" - Outlet", " | Outlet") cut;
/// `None` when nothing but the outlet's name is left.
pub(crate) fn clean_title(p: &Prep<'_>) -> Option<String> {
    let t = p.art.title.as_deref()?.trim();
    let outlet = p.outlet.as_deref().map(norm_name).unwrap_or_default();
    let mut t = t.to_string();
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && !outlet.is_empty()
            && norm_name(tail) == outlet
        {
            t = head.trim().to_string();
        }
    }
    let n = norm_name(&t);
    if n.is_empty()
        || n == outlet
        || p.art
            .url
            .as_deref()
            .and_then(url_host)
            .is_some_and(|h| h == n)
    {
        return None;
    }
    Some(t)
}

fn headline(preps: &[Prep<'_>], order: &[usize], lang: Option<&str>) -> Headline {
    let candidates: Vec<(usize, String)> = order
        .iter()
        .filter(|&&i| preps[i].independent)
        .chain(order.iter().filter(|&&i| !preps[i].independent))
        .filter_map(|&i| clean_title(&preps[i]).map(|t| (i, t)))
        .collect();
    let in_lang = lang.and_then(|l| {
        candidates
            .iter()
            .find(|(i, _)| preps[*i].independent && preps[*i].lang.as_deref() == Some(l))
    });
    match in_lang.or(candidates.first()) {
        Some((i, t)) => Headline {
            text: t.clone(),
            language: preps[*i].lang.clone(),
            article: Some(preps[*i].key.to_string()),
        },
        None => Headline::default(),
    }
}

fn sources(preps: &[Prep<'_>], order: &[usize]) -> (Vec<Source>, usize, usize) {
    let mut copies_of: HashMap<&str, Vec<String>> = HashMap::new();
    for &i in order {
        if let Some(orig) = preps[i].art_copy_of() {
            copies_of
                .entry(orig)
                .or_default()
                .push(preps[i].key.to_string());
        }
    }
    let mut out = Vec::with_capacity(preps.len());
    let originals = order.iter().filter(|&&i| preps[i].independent);
    let copies = order.iter().filter(|&&i| !preps[i].independent);
    for &i in originals.chain(copies) {
        let p = &preps[i];
        out.push(Source {
            article: p.key.to_string(),
            title: p.art.title.clone(),
            outlet: p.outlet.clone(),
            url: p.art.url.clone().or_else(|| p.art.canonical_url.clone()),
            language: p.lang.clone(),
            published: p
                .time
                .map(|t| t.display())
                .or_else(|| p.art.published.clone()),
            authors: p.art.authors.clone(),
            independent: p.independent,
            copy_of: p.art_copy_of().map(str::to_string),
            copies: if p.independent {
                copies_of.remove(p.key).unwrap_or_default()
            } else {
                Vec::new()
            },
        });
    }
    let independent = preps.iter().filter(|p| p.independent).count();
    (out, independent, preps.len() - independent)
}

impl Prep<'_> {
    /// The original's key for a copy.
    pub(crate) fn art_copy_of(&self) -> Option<&str> {
        self.copy_key
    }
}

fn timeline(
    preps: &[Prep<'_>],
    order: &[usize],
    figures: &[crate::page::FigureGroup],
    main_groups: &[bool],
) -> Vec<TimelineEntry> {
    // Per main-event figure group and article: the article's first value in its body.
    let mut body_value: HashMap<(usize, &str), &str> = HashMap::new();
    for (g, group) in figures.iter().enumerate() {
        if !main_groups.get(g).copied().unwrap_or(false) {
            continue;
        }
        for c in group.claims.iter().filter(|c| c.location.is_none()) {
            body_value
                .entry((g, c.article.as_str()))
                .or_insert(c.display.as_str());
        }
    }
    // Per group: the last value shown, to note changes.
    let mut last: HashMap<usize, &str> = HashMap::new();
    let mut first_done = false;
    let mut out = Vec::with_capacity(order.len());
    for &i in order {
        let p = &preps[i];
        let kind = if !p.independent {
            TimelineKind::Copy
        } else if !first_done {
            first_done = true;
            TimelineKind::First
        } else {
            TimelineKind::Update
        };
        let mut notes = Vec::new();
        if p.independent {
            for (g, group) in figures.iter().enumerate() {
                // Counts of people, money or shares say little about how the story moved.
                if crate::figures::WEAK_MEASURES.contains(&group.measure.as_str()) {
                    continue;
                }
                let Some(&value) = body_value.get(&(g, p.key)) else {
                    continue;
                };
                match last.get(&g) {
                    Some(&prev) if prev == value => {}
                    Some(prev) => notes.push(format!("{}: {} → {}", group.measure, prev, value)),
                    None => notes.push(format!("{}: {}", group.measure, value)),
                }
                last.insert(g, value);
            }
        }
        out.push(TimelineEntry {
            time: p.time.map(|t| t.display()),
            kind,
            article: p.key.to_string(),
            outlet: p.outlet.clone(),
            language: p.lang.clone(),
            title: p.art.title.clone(),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    out
}

/// Ranks candidates by Jaccard similarity of lowercased entity names; top 5 with score > 0.
fn rank_related(
    entities: &[crate::page::StoryEntity],
    related: &[RelatedCandidate],
) -> Vec<RelatedStory> {
    let mut mine: Vec<String> = entities.iter().map(|e| e.name.to_lowercase()).collect();
    mine.sort();
    mine.dedup();
    let mut out: Vec<RelatedStory> = related
        .iter()
        .filter_map(|c| {
            let mut theirs: Vec<String> = c.entities.iter().map(|e| e.to_lowercase()).collect();
            theirs.sort();
            theirs.dedup();
            let score = crate::text::jaccard(&mine, &theirs);
            (score > 0.0).then(|| RelatedStory {
                id: c.id,
                headline: c.headline.clone(),
                shared_entities: entities
                    .iter()
                    .filter(|e| theirs.binary_search(&e.name.to_lowercase()).is_ok())
                    .map(|e| e.name.clone())
                    .collect(),
                score,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    out.truncate(5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{ConflictKind, FigureStatus};
    use parallax_core::{Aside, Block};

    fn art(key: &str, published: Option<&str>, paragraphs: &[&str]) -> StoryArticle {
        StoryArticle {
            key: key.to_string(),
            article: Article {
                id: key.to_string(),
                title: Some(format!("Report {key} on the attack in Russia")),
                site: Some(format!("Outlet {key}")),
                language: Some("en".to_string()),
                published: published.map(str::to_string),
                body: paragraphs.iter().map(|p| Block::paragraph(*p)).collect(),
                ..Article::default()
            },
            copy_of: None,
            analysis: None,
        }
    }

    fn killed_group(page: &StoryPage) -> &crate::page::FigureGroup {
        page.figures
            .iter()
            .find(|g| g.measure == "killed")
            .unwrap_or_else(|| panic!("no killed group: {:#?}", page.figures))
    }

    const LEAD: &str = "Gunmen attacked a concert hall in Moscow, Russia on Friday evening.";

    #[test]
    fn later_higher_toll_is_an_update_and_noted_on_the_timeline() {
        let a = art(
            "a",
            Some("2024-03-22T20:00:00Z"),
            &[LEAD, "At least 40 people were killed in the attack."],
        );
        let b = art(
            "b",
            Some("2024-03-23T12:00:00Z"),
            &[LEAD, "At least 115 people were killed in the attack."],
        );
        let page = assemble(1, &[b, a], &[], &AssembleOptions::default());
        let g = killed_group(&page);
        assert_eq!(g.claims.len(), 2, "{g:#?}");
        assert_eq!(g.claims[0].article, "a", "earliest first");
        assert_eq!(g.status, FigureStatus::Conflict);
        assert_eq!(g.conflict, Some(ConflictKind::Update));
        assert_eq!(page.timeline[0].kind, TimelineKind::First);
        assert_eq!(page.timeline[1].kind, TimelineKind::Update);
        assert_eq!(page.timeline[1].note.as_deref(), Some("killed: ≥40 → ≥115"));
        assert_eq!(
            page.first_published.as_deref(),
            Some("2024-03-22T20:00:00+00:00")
        );
    }

    #[test]
    fn same_time_different_tolls_disagree_and_compatible_ones_agree() {
        let a = art(
            "a",
            Some("2024-03-22T20:00:00Z"),
            &[LEAD, "Exactly 60 people were killed in the attack."],
        );
        let b = art(
            "b",
            Some("2024-03-22T21:00:00Z"),
            &[LEAD, "Exactly 93 people were killed in the attack."],
        );
        let page = assemble(1, &[a.clone(), b], &[], &AssembleOptions::default());
        let g = killed_group(&page);
        assert_eq!(g.conflict, Some(ConflictKind::Disagreement), "{g:#?}");
        let note = g.note.as_deref().unwrap_or_default();
        assert!(
            note.contains("Outlet a") && note.contains("Outlet b"),
            "{note}"
        );

        let c = art(
            "c",
            Some("2024-03-22T21:00:00Z"),
            &[LEAD, "More than 50 people were killed in the attack."],
        );
        let page = assemble(1, &[a, c], &[], &AssembleOptions::default());
        let g = killed_group(&page);
        assert_eq!(g.status, FigureStatus::Agreement, "{g:#?}");
        assert_eq!(g.conflict, None);
    }

    #[test]
    fn tolls_about_different_places_differ_in_scope() {
        let lead =
            "Gunmen attacked Moscow and other towns of Russia. Russia mourns; Moscow mourns.";
        let a = art(
            "a",
            Some("2024-03-22T20:00:00Z"),
            &[lead, "Officials said 40 people were killed in Moscow."],
        );
        let b = art(
            "b",
            Some("2024-03-22T20:00:00Z"),
            &[lead, "Officials said 90 people were killed in Russia."],
        );
        let page = assemble(1, &[a, b], &[], &AssembleOptions::default());
        let g = killed_group(&page);
        assert_eq!(g.claims.len(), 2, "{g:#?}");
        assert_eq!(g.conflict, Some(ConflictKind::Scope), "{g:#?}");
    }

    #[test]
    fn summary_rounds_robin_over_sources_in_the_readers_language_first() {
        let a = art(
            "a",
            None,
            &[
                "Gunmen attacked a concert hall in Moscow on Friday evening, officials in Russia said.",
                "The Kremlin said the attackers fled towards the border with Belarus after the raid.",
            ],
        );
        let b = art(
            "b",
            None,
            &[
                "Gunmen attacked a concert hall in Moscow on Friday evening, officials in Russia said.",
                "Witnesses in Moscow described long queues of ambulances outside the burning hall.",
            ],
        );
        let mut c = art(
            "c",
            None,
            &["Beväpnade män attackerade en konserthall i Moskva i fredags, enligt Ryssland."],
        );
        c.article.language = Some("sv".into());
        let opts = AssembleOptions {
            summary_sentences: 3,
            ..AssembleOptions::default()
        };
        let page = assemble(1, &[a.clone(), b.clone(), c.clone()], &[], &opts);
        let texts: Vec<&str> = page.summary.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        // The shared lead appears once; each source contributes.
        assert_eq!(
            texts
                .iter()
                .filter(|t| t.starts_with("Gunmen attacked"))
                .count(),
            1
        );
        let arts: std::collections::HashSet<&str> =
            page.summary.iter().map(|s| s.article.as_str()).collect();
        assert!(arts.len() >= 2, "{arts:?}");
        let sv = AssembleOptions {
            language: Some("sv"),
            ..opts
        };
        let page = assemble(1, &[a, b, c], &[], &sv);
        assert_eq!(page.summary[0].article, "c");
        assert_eq!(page.summary[0].language.as_deref(), Some("sv"));
    }

    #[test]
    fn figures_of_earlier_years_and_other_places_form_their_own_groups() {
        let a = art(
            "a",
            Some("2024-03-22"),
            &[
                LEAD,
                "At least 40 people were killed in the attack.",
                "In 2002, 170 people were killed in a theatre siege in Moscow.",
            ],
        );
        let page = assemble(1, &[a], &[], &AssembleOptions::default());
        let killed: Vec<_> = page
            .figures
            .iter()
            .filter(|g| g.measure == "killed")
            .collect();
        assert_eq!(killed.len(), 2, "{killed:#?}");
        assert_eq!(killed[0].claims[0].display, "≥40");
        assert!(
            killed[1]
                .about
                .as_deref()
                .is_some_and(|a| a.contains("2002"))
        );
        assert!(killed.iter().all(|g| g.status == FigureStatus::Single));
    }

    #[test]
    fn copies_are_listed_under_their_original() {
        let a = art("a", Some("2024-03-22"), &[LEAD]);
        let mut b = art("b", Some("2024-03-23"), &[LEAD]);
        b.copy_of = Some("a".to_string());
        let page = assemble(1, &[b, a], &[], &AssembleOptions::default());
        assert_eq!(page.independent_sources, 1);
        assert_eq!(page.copies, 1);
        assert_eq!(page.sources[0].article, "a");
        assert_eq!(page.sources[0].copies, ["b"]);
        assert_eq!(page.sources[1].copy_of.as_deref(), Some("a"));
        assert_eq!(page.timeline[1].kind, TimelineKind::Copy);
        assert_eq!(page.headline.article.as_deref(), Some("a"));
    }

    #[test]
    fn headline_skips_site_names_and_prefers_the_readers_language() {
        let mut a = art("a", Some("2024-03-22"), &[LEAD]);
        a.article.title = Some("Outlet a".to_string());
        let mut b = art("b", Some("2024-03-23"), &[LEAD]);
        b.article.title = Some("Attack in Moscow - Outlet b".to_string());
        let mut c = art("c", Some("2024-03-24"), &[LEAD]);
        c.article.title = Some("Attack mot Moskva".to_string());
        c.article.language = Some("sv".to_string());
        let all = [a, b, c];
        let page = assemble(1, &all, &[], &AssembleOptions::default());
        assert_eq!(page.headline.text, "Attack in Moscow");
        let opts = AssembleOptions {
            language: Some("sv"),
            ..AssembleOptions::default()
        };
        assert_eq!(
            assemble(1, &all, &[], &opts).headline.text,
            "Attack mot Moskva"
        );
    }

    #[test]
    fn related_stories_rank_by_shared_entities() {
        let a = art("a", None, &[LEAD]);
        let related = [
            RelatedCandidate {
                id: 2,
                headline: "Other".into(),
                entities: vec!["Paris".into()],
            },
            RelatedCandidate {
                id: 3,
                headline: "Close".into(),
                entities: vec!["moscow".into(), "Russia".into()],
            },
        ];
        let page = assemble(1, &[a], &related, &AssembleOptions::default());
        assert_eq!(page.related.len(), 1);
        assert_eq!(page.related[0].id, 3);
        assert!(page.related[0].score > 0.0);
        assert!(
            page.related[0]
                .shared_entities
                .contains(&"Moscow".to_string())
        );
    }

    #[test]
    fn outlet_falls_back_to_the_host() {
        let a = Article {
            url: Some("https://www.example.org/news/1".into()),
            ..Article::default()
        };
        assert_eq!(outlet_of(&a).as_deref(), Some("example.org"));
        assert_eq!(outlet_of(&Article::default()), None);
    }

    #[test]
    fn odd_input_never_panics() {
        let opts = AssembleOptions::default();
        let empty = assemble(9, &[], &[], &opts);
        assert_eq!(empty.id, 9);
        assert!(empty.headline.text.is_empty() && empty.sources.is_empty());

        let mut bare = art("x", None, &[]);
        bare.article.title = None;
        bare.article.site = None;
        bare.article.language = None;
        let mut dated = art("y", Some("not a date"), &["“", "– – –", "?"]);
        dated.article.asides.push(Aside {
            label: None,
            subject: None,
            source: None,
            lang: None,
            text: "killing 12.".into(),
        });
        let huge = "Gunmen killed 12 people in Moscow, officials said on Friday. ".repeat(5_000);
        let big = art("z", None, &[huge.as_str()]);
        // One endless sentence full of figures, places and names.
        let run_on = "Ann Lee said 12 were killed in Moscow in 2002, ".repeat(500);
        let run_on = art("v", Some("2024-01-01"), &[run_on.as_str()]);
        let mut self_copy = art("w", None, &["Short."]);
        self_copy.copy_of = Some("w".into());
        let page = assemble(
            1,
            &[bare, dated, big, run_on, self_copy],
            &[],
            &AssembleOptions {
                summary_sentences: 1000,
                ..opts
            },
        );
        assert_eq!(page.sources.len(), 5);
        assert_eq!(page.independent_sources, 5, "a self-reference is no copy");
        assert_eq!(page.timeline.iter().filter(|t| t.time.is_some()).count(), 1);
        // The repeated sentence is summarised once.
        assert_eq!(page.summary.iter().filter(|s| s.article == "z").count(), 1);
        let md = crate::to_markdown(&page);
        assert!(md.contains("## Sources"));
    }
}
