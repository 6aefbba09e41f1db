//! Figures compared across sources: every reported figure of every body and background box
//! of the independent articles (copies repeat their original), grouped by measure (people
//! by the noun they count) and by the event it is about, then labelled single, agreement or
//! conflict (update, disagreement, scope).
//!
//! Which event a figure is about is told from its context (its clause, else its sentence, else
//! the previous sentence of the paragraph): a year other than the story's publication years
//! marks an earlier event; a place that is central to the story (its most mentioned places,
//! places in its headlines) marks the main incident; another place marks another event. A body
//! figure with no such context belongs to the main incident.

use std::collections::{HashMap, HashSet};

use parallax_analysis::{EntityKind, ReportedFigure, Value};

use crate::assemble::Prep;
use crate::entities::Entities;
use crate::page::{ConflictKind, FigureClaim, FigureGroup, FigureStatus};
use crate::text::{CharText, Time, clause, norm_name, norm_words, window, years};

/// Measures shown only when at least two sources report them.
pub(crate) const WEAK_MEASURES: &[&str] = &["percent", "money", "people"];
/// Hours between two reports for a higher figure to count as an update.
const UPDATE_HOURS: i64 = 6;
/// Most figure groups a page lists.
const MAX_GROUPS: usize = 30;

/// Which event a figure is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Event {
    /// The story's main incident.
    Main,
    /// Another event, by folded label.
    Other(String),
}

struct Raw<'f> {
    prep: usize,
    part: usize,
    fig: &'f ReportedFigure,
    event: Event,
    /// Readable label of a non-main event.
    label: Option<String>,
}

/// The story's central places: the most mentioned place of the bodies, places nearly as often
/// mentioned in several articles, and places named in a headline.
fn core_places(preps: &[Prep<'_>], ents: &Entities) -> HashSet<usize> {
    let places: Vec<usize> = (0..ents.groups.len())
        .filter(|&g| ents.groups[g].kind == EntityKind::Place)
        .collect();
    let top = places
        .iter()
        .map(|&g| ents.groups[g].body_mentions)
        .max()
        .unwrap_or(0);
    let with_body = preps
        .iter()
        .filter(|p| p.parts.first().is_some_and(|b| !b.text.trim().is_empty()))
        .count();
    let titles: Vec<String> = preps
        .iter()
        .filter(|p| p.independent)
        .filter_map(|p| p.art.title.as_deref())
        .map(|t| format!(" {} ", norm_words(t).join(" ")))
        .collect();
    let mut core = HashSet::new();
    for g in places {
        let grp = &ents.groups[g];
        let frequent = top > 0
            && (grp.body_mentions == top
                || (grp.body_mentions * 4 >= top && grp.body_articles.len() >= with_body.min(2)));
        let in_title = grp.forms.iter().any(|f| {
            let w = norm_words(f).join(" ");
            !w.is_empty() && titles.iter().any(|t| t.contains(&format!(" {w} ")))
        });
        if frequent || in_title {
            core.insert(g);
        }
    }
    core
}

/// Builds the figure groups; the flags say which groups are about the main incident.
pub(crate) fn build(
    preps: &[Prep<'_>],
    order: &[usize],
    ents: &Entities,
) -> (Vec<FigureGroup>, Vec<bool>) {
    let core = core_places(preps, ents);
    let ref_years: HashSet<i32> = preps
        .iter()
        .filter_map(|p| p.time)
        .map(|t| t.at.format("%Y").to_string().parse::<i32>().unwrap_or(0))
        .collect();
    let mut raws: Vec<Raw<'_>> = Vec::new();
    for &a in order {
        let p = &preps[a];
        // A copy repeats its original's figures: it neither agrees nor disagrees with it.
        if !p.independent {
            continue;
        }
        for (pi, part) in p.parts.iter().enumerate() {
            if part.analysis.figures.is_empty() {
                continue;
            }
            let ct = CharText::new(&part.text);
            // Place mentions of this part: (start, end, group).
            let mut places: Vec<(usize, usize, usize)> = Vec::new();
            for (ei, e) in part.analysis.entities.iter().enumerate() {
                let Some(g) = ents.group_of(a, pi, ei) else {
                    continue;
                };
                if ents.groups[g].kind == EntityKind::Place {
                    places.extend(e.mentions.iter().map(|m| (m[0], m[1], g)));
                }
            }
            places.sort_unstable();
            for fig in &part.analysis.figures {
                let (event, label) =
                    event_of(fig, &ct, part, &places, ents, &core, &ref_years, pi == 0);
                raws.push(Raw {
                    prep: a,
                    part: pi,
                    fig,
                    event,
                    label,
                });
            }
        }
    }
    // Group by (measure, event), first appearance first.
    let mut index: HashMap<(String, Event), usize> = HashMap::new();
    let mut grouped: Vec<Vec<usize>> = Vec::new();
    for (i, r) in raws.iter().enumerate() {
        let k = (group_measure(r.fig), r.event.clone());
        let g = *index.entry(k).or_insert_with(|| {
            grouped.push(Vec::new());
            grouped.len() - 1
        });
        grouped[g].push(i);
    }
    let top_place = core
        .iter()
        .max_by_key(|&&g| (ents.groups[g].body_mentions, std::cmp::Reverse(g)))
        .map(|&g| ents.groups[g].name.clone());
    let mut out: Vec<(FigureGroup, bool, usize)> = Vec::new();
    for (gi, members) in grouped.into_iter().enumerate() {
        let Some(&first) = members.first() else {
            continue;
        };
        let r0 = &raws[first];
        let main = r0.event == Event::Main;
        let mut claims: Vec<(FigureClaim, Option<Time>, &Raw<'_>)> = Vec::new();
        let mut seen: HashSet<(&str, Option<String>, String)> = HashSet::new();
        for &i in &members {
            let r = &raws[i];
            let p = &preps[r.prep];
            let location = p.parts[r.part].location.clone();
            let display = display(&r.fig.value, r.fig.qualifier.as_deref());
            if !seen.insert((p.key, location.clone(), display.clone())) {
                continue;
            }
            claims.push((
                FigureClaim {
                    value: r.fig.value.clone(),
                    qualifier: r.fig.qualifier.clone(),
                    display,
                    text: r.fig.text.clone(),
                    article: p.key.to_string(),
                    outlet: p.outlet.clone(),
                    published: p.time.map(|t| t.display()),
                    location,
                },
                p.time,
                r,
            ));
        }
        let sources: HashSet<(&str, Option<&str>)> = claims
            .iter()
            .map(|(c, _, _)| (c.article.as_str(), c.location.as_deref()))
            .collect();
        if WEAK_MEASURES.contains(&r0.fig.measure.as_str()) && sources.len() < 2 {
            continue;
        }
        let (status, conflict) = compare(&claims);
        let about = if main {
            claims
                .iter()
                .find_map(|(_, _, r)| r.fig.about.clone())
                .or_else(|| top_place.clone())
        } else {
            r0.label.clone().or_else(|| r0.fig.about.clone())
        };
        let note = note(&claims, status, conflict);
        out.push((
            FigureGroup {
                measure: r0.fig.measure.clone(),
                about,
                status,
                conflict,
                note: Some(note),
                claims: claims.into_iter().map(|(c, _, _)| c).collect(),
            },
            main,
            gi,
        ));
    }
    // Main incident first, then conflicts, then by number of reports.
    out.sort_by_key(|(g, main, gi)| {
        (
            !*main,
            g.status != FigureStatus::Conflict,
            std::cmp::Reverse(g.claims.len()),
            *gi,
        )
    });
    out.truncate(MAX_GROUPS);
    out.into_iter().map(|(g, m, _)| (g, m)).unzip()
}

#[allow(clippy::too_many_arguments)]
fn event_of(
    fig: &ReportedFigure,
    ct: &CharText<'_>,
    part: &crate::assemble::Part<'_>,
    places: &[(usize, usize, usize)],
    ents: &Entities,
    core: &HashSet<usize>,
    ref_years: &HashSet<i32>,
    is_body: bool,
) -> (Event, Option<String>) {
    let [fs, fe] = fig.span;
    let si = part.sents.partition_point(|s| s.end <= fs);
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(3);
    if let Some(&sent) = part.sents.get(si) {
        ranges.push(clause(ct, sent, fs));
        let w = window(sent, fs);
        ranges.push((w.start, w.end));
        if si > 0
            && let Some(&prev) = part.sents.get(si - 1)
            && prev.para == sent.para
        {
            let w = window(prev, prev.end);
            ranges.push((w.start, w.end));
        }
    }
    // Years, not counting the figure's own number.
    let years_in = |(a, b): (usize, usize)| {
        let mut y = years(ct.slice(a, fs.clamp(a, b)));
        y.extend(years(ct.slice(fe.clamp(a, b), b)));
        y
    };
    let sentence_years = ranges.get(1).map(|&r| years_in(r)).unwrap_or_default();
    for (ri, &(a, b)) in ranges.iter().enumerate() {
        let lo = places.partition_point(|m| m.0 < a);
        let mut found: Vec<usize> = Vec::new();
        for (k, m) in places[lo..].iter().enumerate().take_while(|(_, m)| m.0 < b) {
            if m.1 > b || of_origin(ct, m.0) {
                continue;
            }
            found.push(m.2);
            // "Krasnogorsk, Russia": the place's country or region right after it counts too.
            if let Some(next) = places.get(lo + k + 1)
                && next.0 >= m.1
                && next.0 <= m.1 + 2
                && ct.slice(m.1, next.0).trim() == ","
            {
                found.push(next.2);
            }
        }
        let mut yrs = years_in((a, b));
        if ri == 0 && yrs.is_empty() && !found.is_empty() {
            // The clause's sentence dates it ("In 2002, 170 people were killed in …").
            yrs = sentence_years.clone();
        }
        if found.is_empty() && yrs.is_empty() {
            continue;
        }
        let place_name = found.first().map(|&g| ents.groups[g].name.clone());
        if !yrs.is_empty() && !ref_years.is_empty() && !yrs.iter().any(|y| ref_years.contains(y)) {
            let y = yrs[0];
            let label = match &place_name {
                Some(p) => format!("{p}, {y}"),
                None => y.to_string(),
            };
            return (Event::Other(norm_name(&label)), Some(label));
        }
        if found.iter().any(|g| core.contains(g)) || found.is_empty() {
            return (Event::Main, None);
        }
        let label = place_name.unwrap_or_default();
        return (Event::Other(norm_name(&label)), Some(label));
    }
    if is_body {
        (Event::Main, None)
    } else {
        let label = fig
            .about
            .clone()
            .or_else(|| part.location.clone())
            .unwrap_or_default();
        (
            Event::Other(format!("box:{}", norm_name(&label))),
            Some(label),
        )
    }
}

/// The measure a figure is compared under: "people" figures only with others that count the
/// same noun ("318 passengers" and "more than 300 ferry passengers", not "two people").
fn group_measure(fig: &ReportedFigure) -> String {
    if fig.measure != "people" {
        return fig.measure.clone();
    }
    let noun = fig
        .text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let noun = match noun.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
        _ => noun,
    };
    format!("people:{noun}")
}

/// Whether the place mention starting at `start` tells where someone comes from ("a lorry
/// driver from Lithuania", "kierowca z Litwy"), not where something happened.
fn of_origin(ct: &CharText, start: usize) -> bool {
    const FROM: &[&str] = &["from", "från", "fra", "aus", "z", "ze", "из", "da"];
    let before = ct.slice(start.saturating_sub(8), start);
    before.ends_with(char::is_whitespace)
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| FROM.contains(&w.to_lowercase().as_str()))
}

/// The short comparable form of a value: "115", ">130", "≥169", "~50", "≤20", "<10".
pub fn display(value: &Value, qualifier: Option<&str>) -> String {
    let v = match value {
        Value::Int(n) => n.to_string(),
        Value::Float(f) => {
            let s = format!("{f:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Value::Text(t) => return qualifier.map_or(t.clone(), |q| format!("{q} {t}")),
    };
    match qualifier {
        None => v,
        Some("more than") => format!(">{v}"),
        Some("at least") => format!("≥{v}"),
        Some("about" | "nearly") => format!("~{v}"),
        Some("up to") => format!("≤{v}"),
        Some("less than") => format!("<{v}"),
        Some("part of") => format!("{v} of them"),
        Some(q) => format!("{q} {v}"),
    }
}

/// The range of counts a claim allows; `None` for a vague quantity.
fn interval(value: &Value, qualifier: Option<&str>) -> Option<(f64, f64)> {
    let v = match value {
        Value::Int(n) => *n as f64,
        Value::Float(f) => *f,
        Value::Text(_) => return None,
    };
    Some(match qualifier {
        None => (v, v),
        Some("more than") => (v + 0.5, f64::INFINITY),
        // "Four of the injured": the whole count is at least four.
        Some("at least" | "part of") => (v, f64::INFINITY),
        Some("nearly") => (v * 0.85, v),
        Some("up to") => (0.0, v),
        Some("less than") => (0.0, v - 0.5),
        Some(_) => (v * 0.9, v * 1.1),
    })
}

/// Whether two claims can both be true as reported: their ranges meet ("over 130" and "137"),
/// and they are not two bounds the same way far apart ("at least 40" and "at least 115" tell
/// different counts even though both could hold) unless one is a part ("four of the injured"
/// and "at least 14").
fn compatible(a: &FigureClaim, b: &FigureClaim) -> bool {
    match (
        interval(&a.value, a.qualifier.as_deref()),
        interval(&b.value, b.qualifier.as_deref()),
    ) {
        (Some(x), Some(y)) => {
            let meet = x.0.max(y.0) <= x.1.min(y.1);
            let lower = |r: (f64, f64)| r.1.is_infinite();
            let upper = |r: (f64, f64)| r.0 == 0.0 && r.1.is_finite();
            let (vx, vy) = (
                if lower(x) { x.0 } else { x.1 },
                if lower(y) { y.0 } else { y.1 },
            );
            let far = (vx - vy).abs() > 0.1 * vx.max(vy);
            // A part ("four of the injured") only bounds the whole from below.
            let part = a.qualifier.as_deref() == Some("part of")
                || b.qualifier.as_deref() == Some("part of");
            meet && (part || !(far && ((lower(x) && lower(y)) || (upper(x) && upper(y)))))
        }
        _ => true,
    }
}

/// Content words of an `about` phrase.
fn about_words(about: Option<&str>) -> Vec<String> {
    const STOP: &[&str] = &[
        "in", "near", "at", "on", "the", "of", "outside", "i", "pa", "vid", "nara", "w", "pod",
        "im", "bei", "a", "en", "pres", "de", "du", "cerca", "di", "vicino", "под", "в",
    ];
    let mut w: Vec<String> = about
        .map(norm_words)
        .unwrap_or_default()
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Most distinct values compared pairwise in one group.
const MAX_VALUES: usize = 64;

/// The claims of one group that report the same value.
struct ValueClass<'c> {
    claim: &'c FigureClaim,
    sources: HashSet<(&'c str, Option<&'c str>)>,
    first: Option<Time>,
    about: Vec<String>,
    all_about: bool,
}

/// Compares a group's claims: single source, agreement, or conflict and its kind. Claims with
/// the same value are compared once, so the work is linear in the claims.
fn compare(
    claims: &[(FigureClaim, Option<Time>, &Raw<'_>)],
) -> (FigureStatus, Option<ConflictKind>) {
    let distinct: HashSet<(&str, Option<&str>)> = claims
        .iter()
        .map(|(c, _, _)| (c.article.as_str(), c.location.as_deref()))
        .collect();
    if distinct.len() < 2 {
        return (FigureStatus::Single, None);
    }
    let mut classes: Vec<ValueClass<'_>> = Vec::new();
    let mut by_display: HashMap<&str, usize> = HashMap::new();
    for (c, t, r) in claims {
        let i = match by_display.get(c.display.as_str()) {
            Some(&i) => i,
            None if classes.len() < MAX_VALUES => {
                by_display.insert(&c.display, classes.len());
                classes.push(ValueClass {
                    claim: c,
                    sources: HashSet::new(),
                    first: None,
                    about: Vec::new(),
                    all_about: true,
                });
                classes.len() - 1
            }
            None => continue,
        };
        let class = &mut classes[i];
        class
            .sources
            .insert((c.article.as_str(), c.location.as_deref()));
        if let Some(t) = t
            && class.first.is_none_or(|f| *t < f)
        {
            class.first = Some(*t);
        }
        let words = about_words(r.fig.about.as_deref());
        class.all_about &= !words.is_empty();
        class.about.extend(words);
    }
    for class in &mut classes {
        class.about.sort();
        class.about.dedup();
    }
    let (mut disagreement, mut update, mut scope) = (false, false, false);
    for (i, a) in classes.iter().enumerate() {
        for b in &classes[i + 1..] {
            let one_source = a.sources.len() == 1 && a.sources == b.sources;
            if one_source || compatible(a.claim, b.claim) {
                continue;
            }
            if a.all_about && b.all_about && crate::text::jaccard(&a.about, &b.about) == 0.0 {
                scope = true;
                continue;
            }
            match (a.first, b.first) {
                (Some(x), Some(y))
                    if x.clearly_before(&y, UPDATE_HOURS) || y.clearly_before(&x, UPDATE_HOURS) =>
                {
                    update = true
                }
                _ => disagreement = true,
            }
        }
    }
    let kind = if disagreement {
        Some(ConflictKind::Disagreement)
    } else if update {
        Some(ConflictKind::Update)
    } else if scope {
        Some(ConflictKind::Scope)
    } else {
        None
    };
    match kind {
        Some(k) => (FigureStatus::Conflict, Some(k)),
        None => (FigureStatus::Agreement, None),
    }
}

/// "Sources disagree: TVN24: >130; Omni (background box (Wikipedia (en))): 115".
fn note(
    claims: &[(FigureClaim, Option<Time>, &Raw<'_>)],
    status: FigureStatus,
    conflict: Option<ConflictKind>,
) -> String {
    const MAX_LISTED: usize = 8;
    let mut per_source: Vec<(String, Vec<&str>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (c, _, _) in claims {
        let name = c.outlet.clone().unwrap_or_else(|| c.article.clone());
        let name = match &c.location {
            Some(l) => format!("{name} ({l})"),
            None => name,
        };
        match index.get(&name) {
            Some(&i) => {
                let v = &mut per_source[i].1;
                if v.len() < MAX_LISTED && !v.contains(&c.display.as_str()) {
                    v.push(&c.display)
                }
            }
            None => {
                index.insert(name.clone(), per_source.len());
                per_source.push((name, vec![&c.display]));
            }
        }
    }
    let more = per_source.len().saturating_sub(MAX_LISTED);
    per_source.truncate(MAX_LISTED);
    let mut list = per_source
        .iter()
        .map(|(n, v)| format!("{n}: {}", v.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        list.push_str(&format!("; and {more} more"));
    }
    match (status, conflict) {
        (FigureStatus::Single, _) => format!("Only one source: {list}"),
        (FigureStatus::Agreement, _) => format!("Sources agree: {list}"),
        (_, Some(ConflictKind::Update)) => format!("Figure updated over time: {list}"),
        (_, Some(ConflictKind::Scope)) => format!("Reports count different things: {list}"),
        _ => format!("Sources disagree: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(v: u64, q: Option<&str>) -> FigureClaim {
        FigureClaim {
            value: Value::Int(v),
            qualifier: q.map(str::to_string),
            display: display(&Value::Int(v), q),
            text: String::new(),
            article: String::new(),
            outlet: None,
            published: None,
            location: None,
        }
    }

    #[test]
    fn displays_are_short() {
        assert_eq!(display(&Value::Int(130), Some("more than")), ">130");
        assert_eq!(display(&Value::Int(169), Some("at least")), "≥169");
        assert_eq!(display(&Value::Int(50), Some("about")), "~50");
        assert_eq!(display(&Value::Float(1.50), None), "1.5");
        assert_eq!(
            display(&Value::Text("several thousand".into()), None),
            "several thousand"
        );
    }

    #[test]
    fn qualifiers_make_values_compatible_or_not() {
        assert!(compatible(
            &claim(130, Some("more than")),
            &claim(137, None)
        ));
        assert!(!compatible(
            &claim(130, Some("more than")),
            &claim(115, None)
        ));
        assert!(compatible(&claim(50, Some("about")), &claim(52, None)));
        assert!(!compatible(&claim(10, Some("less than")), &claim(10, None)));
        assert!(compatible(
            &claim(20, Some("up to")),
            &claim(7, Some("at least"))
        ));
        assert!(!compatible(
            &claim(40, Some("at least")),
            &claim(115, Some("at least"))
        ));
        assert!(compatible(
            &claim(130, Some("at least")),
            &claim(133, Some("more than"))
        ));
        // "Four of the injured" agrees with 14 injured and with another part; not with 3.
        assert!(compatible(&claim(4, Some("part of")), &claim(14, None)));
        assert!(compatible(
            &claim(4, Some("part of")),
            &claim(9, Some("part of"))
        ));
        assert!(!compatible(&claim(4, Some("part of")), &claim(3, None)));
        assert_eq!(display(&Value::Int(4), Some("part of")), "4 of them");
    }

    #[test]
    fn places_people_come_from_are_not_where_it_happened() {
        let ct = CharText::new("a lorry driver from Lithuania died in Kalmsund; kierowca z Litwy");
        assert!(of_origin(&ct, 20));
        assert!(!of_origin(&ct, 38));
        assert!(of_origin(&ct, 59));
    }
}
