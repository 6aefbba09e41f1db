//! Entities merged across the story's articles and languages, with background.
//!
//! Each article's entities (body and background boxes) are nodes; nodes sharing a folded name
//! or alias (case-, diacritics- and dash-insensitive) and a compatible kind are merged, and so
//! are names of three words or more that another name of the same kind starts with
//! ("Islamic State – Khorasan" and "Islamic State – Khorasan Province").

use std::collections::{HashMap, HashSet};

use parallax_analysis::EntityKind;

use crate::assemble::Prep;
use crate::knowledge::Knowledge;
use crate::page::{Background, BackgroundSource, StoryEntity};
use crate::text::{CharText, norm_name, norm_words, shorten};

/// Most entities a page lists.
const MAX_ENTITIES: usize = 40;
/// Longest background taken from an article, in characters.
const MAX_DEFINITION: usize = 400;

/// One merged entity.
pub(crate) struct Group {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Every surface form (names and aliases), first seen first.
    pub forms: Vec<String>,
    /// Mentions in bodies and boxes.
    pub mentions: usize,
    /// Mentions in bodies only.
    pub body_mentions: usize,
    /// Prepared-article indices mentioning it (sorted, unique).
    pub articles: Vec<usize>,
    /// Prepared-article indices mentioning it in the body (sorted, unique).
    pub body_articles: Vec<usize>,
    /// Members: (article, part, entity index).
    pub members: Vec<(usize, usize, usize)>,
}

/// The story's merged entities.
pub(crate) struct Entities {
    /// Groups in order of first appearance.
    pub groups: Vec<Group>,
    /// `[article][part][entity]` → group index.
    pub of: Vec<Vec<Vec<usize>>>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The earlier node stays the root, so groups keep first-appearance order.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

impl Entities {
    /// Merges the entities of every article's body and boxes.
    pub fn build(preps: &[Prep<'_>]) -> Entities {
        // Nodes: (article, part, entity).
        let mut nodes: Vec<(usize, usize, usize)> = Vec::new();
        let mut of: Vec<Vec<Vec<usize>>> = Vec::with_capacity(preps.len());
        for (a, p) in preps.iter().enumerate() {
            let mut parts = Vec::with_capacity(p.parts.len());
            for (pi, part) in p.parts.iter().enumerate() {
                let mut ids = Vec::with_capacity(part.analysis.entities.len());
                for e in 0..part.analysis.entities.len() {
                    ids.push(nodes.len());
                    nodes.push((a, pi, e));
                }
                parts.push(ids);
            }
            of.push(parts);
        }
        let entity = |n: usize| {
            let (a, p, e) = nodes[n];
            &preps[a].parts[p].analysis.entities[e]
        };
        let mut parent: Vec<usize> = (0..nodes.len()).collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name_words: HashMap<String, Vec<usize>> = HashMap::new();
        for n in 0..nodes.len() {
            let e = entity(n);
            let mut keys: Vec<String> = std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .map(|s| norm_name(s))
                .filter(|k| k.chars().count() >= 2)
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                by_key.entry(k).or_default().push(n);
            }
            by_name_words
                .entry(norm_words(&e.name).join(" "))
                .or_default()
                .push(n);
        }
        for bucket in by_key.values() {
            for &n in &bucket[1..] {
                if let Some(&m) = bucket
                    .iter()
                    .find(|&&m| compatible(entity(m).kind, entity(n).kind))
                    && m != n
                {
                    union(&mut parent, m, n);
                }
            }
        }
        // Genitives of names no article writes plain: "Kalmsunds hamn" (sv), "Kalmsund's
        // port" is "Kalmsund".
        for n in 0..nodes.len() {
            let key = norm_name(&entity(n).name);
            let Some(stem) = key.strip_suffix('s') else {
                continue;
            };
            let stem = stem.trim_end();
            if stem.chars().count() < 4 {
                continue;
            }
            if let Some(bucket) = by_key.get(stem)
                && let Some(&m) = bucket
                    .iter()
                    .find(|&&m| m != n && compatible(entity(m).kind, entity(n).kind))
            {
                union(&mut parent, m, n);
            }
        }
        // Word prefixes of three words or more.
        for n in 0..nodes.len() {
            let e = entity(n);
            let words = norm_words(&e.name);
            for len in 3..words.len() {
                if let Some(bucket) = by_name_words.get(&words[..len].join(" ")) {
                    for &m in bucket {
                        if entity(m).kind == e.kind {
                            union(&mut parent, m, n);
                        }
                    }
                }
            }
        }
        // Collect groups.
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut name_votes: Vec<HashMap<String, (usize, String)>> = Vec::new();
        let mut kind_votes: Vec<[usize; 4]> = Vec::new();
        let mut seen_forms: Vec<HashSet<String>> = Vec::new();
        for (n, &(a, p, e)) in nodes.iter().enumerate() {
            let r = find(&mut parent, n);
            let g = *group_of_root.entry(r).or_insert_with(|| {
                groups.push(Group {
                    name: String::new(),
                    kind: EntityKind::Other,
                    forms: Vec::new(),
                    mentions: 0,
                    body_mentions: 0,
                    articles: Vec::new(),
                    body_articles: Vec::new(),
                    members: Vec::new(),
                });
                name_votes.push(HashMap::new());
                kind_votes.push([0; 4]);
                seen_forms.push(HashSet::new());
                groups.len() - 1
            });
            of[a][p][e] = g;
            let ent = entity(n);
            let grp = &mut groups[g];
            grp.members.push((a, p, e));
            grp.mentions += ent.mentions.len();
            if p == 0 {
                grp.body_mentions += ent.mentions.len();
                if grp.body_articles.last() != Some(&a) {
                    grp.body_articles.push(a);
                }
            }
            if grp.articles.last() != Some(&a) {
                grp.articles.push(a);
            }
            for f in std::iter::once(&ent.name).chain(ent.aliases.iter()) {
                if seen_forms[g].insert(norm_name(f)) {
                    grp.forms.push(f.clone());
                }
            }
            let vote = name_votes[g]
                .entry(norm_name(&ent.name))
                .or_insert((0, ent.name.clone()));
            vote.0 += 1 + usize::from(p == 0);
            kind_votes[g][kind_index(ent.kind)] += ent.mentions.len().max(1);
        }
        for (g, grp) in groups.iter_mut().enumerate() {
            grp.articles.sort_unstable();
            grp.articles.dedup();
            grp.body_articles.sort_unstable();
            grp.body_articles.dedup();
            grp.name = name_votes[g]
                .values()
                .max_by(|a, b| {
                    a.0.cmp(&b.0)
                        .then(a.1.chars().count().cmp(&b.1.chars().count()))
                        .then(b.1.cmp(&a.1))
                })
                .map(|v| v.1.clone())
                .unwrap_or_default();
            let kv = kind_votes[g];
            grp.kind = [EntityKind::Person, EntityKind::Org, EntityKind::Place]
                .into_iter()
                .max_by_key(|k| kv[kind_index(*k)])
                .filter(|k| kv[kind_index(*k)] > 0)
                .unwrap_or(EntityKind::Other);
        }
        Entities { groups, of }
    }

    /// The group of entity `e` of part `part` of article `a`.
    pub fn group_of(&self, a: usize, part: usize, e: usize) -> Option<usize> {
        self.of.get(a)?.get(part)?.get(e).copied()
    }

    /// The page's entity list: noise dropped, most articles then most mentions first, at most
    /// [`MAX_ENTITIES`], each with background from the knowledge file or the articles.
    pub fn story_entities(
        &self,
        preps: &[Prep<'_>],
        knowledge: Option<&Knowledge>,
        lang: Option<&str>,
    ) -> Vec<StoryEntity> {
        let mut ids: Vec<usize> = (0..self.groups.len())
            .filter(|&g| !self.is_noise(g))
            .collect();
        ids.sort_by_key(|&g| {
            let grp = &self.groups[g];
            (
                std::cmp::Reverse(grp.articles.len()),
                grp.kind == EntityKind::Other,
                std::cmp::Reverse(grp.mentions),
                g,
            )
        });
        ids.truncate(MAX_ENTITIES);
        let cts: Vec<Vec<CharText<'_>>> = preps
            .iter()
            .map(|p| p.parts.iter().map(|pt| CharText::new(&pt.text)).collect())
            .collect();
        ids.into_iter()
            .map(|g| {
                let grp = &self.groups[g];
                let aliases: Vec<String> = grp
                    .forms
                    .iter()
                    .filter(|f| norm_name(f) != norm_name(&grp.name))
                    .cloned()
                    .collect();
                let background = knowledge
                    .and_then(|k| {
                        let names: Vec<&str> = std::iter::once(grp.name.as_str())
                            .chain(aliases.iter().map(String::as_str))
                            .collect();
                        k.lookup(&names, lang)
                    })
                    .or_else(|| self.definition(g, preps, &cts));
                StoryEntity {
                    name: grp.name.clone(),
                    kind: grp.kind,
                    aliases,
                    mentions: grp.mentions,
                    articles: grp.articles.len(),
                    background,
                }
            })
            .collect()
    }

    /// Names that are likely extraction noise: a stray capitalised word of unknown kind seen in
    /// one article, or a two-letter word.
    fn is_noise(&self, g: usize) -> bool {
        let grp = &self.groups[g];
        let n = grp.name.trim();
        if n.chars().count() < 2 || !n.chars().any(char::is_alphabetic) {
            return true;
        }
        grp.kind == EntityKind::Other && grp.articles.len() < 2 && grp.mentions < 3
    }

    /// A definition of group `g` found in the articles: a background box about it, else a
    /// copula sentence ("X is a …", "X är en …"), an appositive ("X, a group that …",
    /// "X, or Y for short"), or a parenthesis right after a mention.
    fn definition(
        &self,
        g: usize,
        preps: &[Prep<'_>],
        cts: &[Vec<CharText<'_>>],
    ) -> Option<Background> {
        let grp = &self.groups[g];
        let forms: HashSet<String> = grp.forms.iter().map(|f| norm_name(f)).collect();
        // A box about the entity.
        for &a in &grp.articles {
            for (pi, part) in preps[a].parts.iter().enumerate().skip(1) {
                if part
                    .subject
                    .as_deref()
                    .is_some_and(|s| forms.contains(&norm_name(s)))
                {
                    let ct = &cts[a][pi];
                    let end = part.sents.get(1).or(part.sents.first())?.end;
                    return Some(Background {
                        text: shorten(ct.slice(0, end).trim(), MAX_DEFINITION),
                        source: BackgroundSource::Article {
                            article: preps[a].key.to_string(),
                        },
                    });
                }
            }
        }
        let mut best: Option<(u8, String, usize)> = None;
        for &(a, pi, e) in &grp.members {
            let part = &preps[a].parts[pi];
            let ct = &cts[a][pi];
            let Some(ent) = part.analysis.entities.get(e) else {
                continue;
            };
            for m in ent.mentions.iter().take(50) {
                let Some((prio, text)) = definition_at(ct, &part.sents, m[0], m[1]) else {
                    continue;
                };
                if best.as_ref().is_none_or(|b| prio > b.0) {
                    best = Some((prio, text, a));
                }
            }
            if best.as_ref().is_some_and(|b| b.0 == 3) {
                break;
            }
        }
        best.map(|(_, text, a)| Background {
            text: shorten(&text, MAX_DEFINITION),
            source: BackgroundSource::Article {
                article: preps[a].key.to_string(),
            },
        })
    }
}

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

/// Copulas that open a definition, by language.
const COPULAS: &[&str] = &[
    "is a ",
    "is an ",
    "is the ",
    "was a ",
    "was an ",
    "are a ",
    "är en ",
    "är ett ",
    "är den ",
    "var en ",
    "ist ein",
    "ist die ",
    "ist der ",
    "est un",
    "es un",
    "è un",
    "jest ",
    "er en ",
    "er et ",
    "on ",
    "to ",
    "является ",
];
/// Articles that open an appositive, by language.
const APPOSITIVES: &[&str] = &[
    "or ", "a ", "an ", "en ", "ett ", "ein ", "eine ", "un ", "une ", "una ", "eller ",
];

/// A definition right after the mention `[start, end)`: (priority, text).
fn definition_at(
    ct: &CharText<'_>,
    sents: &[crate::text::Sentence],
    start: usize,
    end: usize,
) -> Option<(u8, String)> {
    let si = sents.partition_point(|s| s.end <= start);
    let sent = sents.get(si).filter(|s| s.start <= start)?;
    // The sentence, from the mention on when a long lead-in precedes it.
    // What precedes the mention in its sentence (bounded: a long lead-in is cut).
    let lead_from = sent.start.max(start.saturating_sub(80));
    let lead = ct.slice(lead_from, start).trim();
    let short_lead = lead_from == sent.start && lead.split_whitespace().count() <= 3;
    let sentence = || {
        let from = if short_lead { sent.start } else { start };
        let end = sent.end.min(start + crate::text::CONTEXT);
        ct.slice(from, end).trim().to_string()
    };
    let after = ct.slice(end, (end + 200).min(sent.end));
    // A parenthesis: kept as the definition when it says something, skipped before a copula.
    let mut rest = after;
    let mut paren: Option<&str> = None;
    if let Some(inner) = after.strip_prefix(" (")
        && let Some(close) = inner.find(')')
    {
        paren = Some(inner[..close].trim());
        rest = &inner[close + 1..];
    }
    let lower = rest.to_lowercase();
    let at_start = lead_from == sent.start && lead.is_empty()
        || matches!(
            lead.to_lowercase().as_str(),
            "the" | "die" | "der" | "la" | "le" | "el"
        );
    if at_start
        && let Some(rest) = lower.strip_prefix(' ')
        && COPULAS.iter().any(|c| rest.starts_with(c))
    {
        return Some((3, sentence()));
    }
    if let Some(rest) = lower.strip_prefix(", ")
        && APPOSITIVES.iter().any(|c| rest.starts_with(c))
    {
        return Some((2, sentence()));
    }
    let p = paren?;
    (p.split_whitespace().count() >= 4).then(|| (1, p.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn def(text: &str, name: &str) -> Option<(u8, String)> {
        let ct = CharText::new(text);
        let s = sentences(text);
        let start = text.find(name)?;
        let start = text[..start].chars().count();
        definition_at(&ct, &s, start, start + name.chars().count())
    }

    #[test]
    fn finds_copula_appositive_and_parenthesis_definitions() {
        let d = def(
            "Intro here. Zeta Corp is a maker of kites. It grew.",
            "Zeta Corp",
        );
        assert_eq!(d, Some((3, "Zeta Corp is a maker of kites.".to_string())));
        let d = def(
            "Hello. The Foo League (FL) är en förening i Malmö.",
            "Foo League",
        );
        assert_eq!(d.map(|d| d.0), Some(3));
        let d = def(
            "Members of Northwind, a group that sells tea, met.",
            "Northwind",
        );
        assert_eq!(d.map(|d| d.0), Some(2));
        let d = def(
            "It is normal, says prof. Ann Lee, a tea expert at Oxford.",
            "Ann Lee",
        );
        assert_eq!(d, Some((2, "Ann Lee, a tea expert at Oxford.".to_string())));
        assert_eq!(def("In Oslo, the group has grown.", "Oslo"), None);
        let d = def("Xyz (Xyz is an old name for the area) did it.", "Xyz");
        assert_eq!(d, Some((1, "Xyz is an old name for the area".to_string())));
        assert_eq!(def("Xyz (XY) did it.", "Xyz"), None);
        assert_eq!(def("We met Xyz yesterday.", "Xyz"), None);
    }
}
