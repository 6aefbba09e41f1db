//! The extractive summary: sentences drawn round-robin from the independent sources, most
//! central first, without repeating what an earlier sentence already says (in any language).

use std::collections::HashSet;

use parallax_core::BlockKind;

use crate::assemble::Prep;
use crate::entities::Entities;
use crate::input::AssembleOptions;
use crate::page::SummarySentence;
use crate::text::{CharText, jaccard, norm_words};

/// Most sentences a summary has, whatever the options ask.
const MAX_SENTENCES: usize = 50;
/// Most candidate sentences considered per article.
const MAX_CANDIDATES: usize = 60;
/// Word-set similarity above which a sentence repeats a taken one.
const MAX_WORD_SIMILARITY: f64 = 0.5;
/// Entity-and-number similarity above which a sentence repeats a taken one.
const MAX_FEATURE_SIMILARITY: f64 = 0.6;

/// A candidate sentence.
pub(crate) struct Candidate {
    /// The text.
    pub text: String,
    /// Folded content words, sorted and unique.
    pub words: Vec<String>,
    /// Merged entity ids and numbers ("#130"), sorted and unique.
    pub features: Vec<String>,
    /// Score: higher is better.
    pub score: f64,
}

/// Whether `c` says what `taken` already says: similar word sets, or (across languages) the
/// same entities and numbers.
pub(crate) fn repeats(c: &Candidate, taken: &Candidate) -> bool {
    if jaccard(&c.words, &taken.words) >= MAX_WORD_SIMILARITY {
        return true;
    }
    c.features.len() >= 3
        && taken.features.len() >= 3
        && jaccard(&c.features, &taken.features) >= MAX_FEATURE_SIMILARITY
}

/// Whether a sentence is worth a summary slot: long enough, not a question, not only a quote,
/// not a link teaser ("Read more: …").
fn usable(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if !(6..=80).contains(&words) || s.ends_with('?') || s.ends_with("?”") || s.ends_with("?\"") {
        return false;
    }
    if s.starts_with(['“', '”', '"', '„', '«', '»', '–', '—', '-', '\'', '‘']) {
        return false;
    }
    // "Read more:", "See also:", "Läs mer:" — a short label then a colon.
    if let Some(i) = s.find(':')
        && s[..i].split_whitespace().count() <= 2
        && s[..i].chars().count() <= 16
    {
        return false;
    }
    true
}

fn candidates(p: &Prep<'_>, a: usize, ents: &Entities) -> Vec<Candidate> {
    let Some(body) = p.parts.first() else {
        return Vec::new();
    };
    let ct = CharText::new(&body.text);
    // Entity mentions of the body: (start, group).
    let mut mentions: Vec<(usize, usize)> = Vec::new();
    for (ei, e) in body.analysis.entities.iter().enumerate() {
        if let Some(g) = ents.group_of(a, 0, ei) {
            mentions.extend(e.mentions.iter().map(|m| (m[0], g)));
        }
    }
    mentions.sort_unstable();
    let mut out = Vec::new();
    for (i, s) in body.sents.iter().enumerate() {
        if out.len() >= MAX_CANDIDATES {
            break;
        }
        if p.art
            .body
            .get(s.para)
            .is_some_and(|b| b.kind == BlockKind::Heading)
        {
            continue;
        }
        let text = ct.slice(s.start, s.end).trim();
        if !usable(text) {
            continue;
        }
        let mut words: Vec<String> = norm_words(text)
            .into_iter()
            .filter(|w| w.chars().count() >= 3)
            .collect();
        words.sort();
        words.dedup();
        let lo = mentions.partition_point(|m| m.0 < s.start);
        let groups: HashSet<usize> = mentions[lo..]
            .iter()
            .take_while(|m| m.0 < s.end)
            .map(|m| m.1)
            .collect();
        let centrality: f64 = groups
            .iter()
            .map(|&g| (ents.groups[g].articles.len() as f64).ln_1p())
            .sum();
        let mut features: Vec<String> = groups.iter().map(|g| format!("e{g}")).collect();
        features.extend(
            text.split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
                .map(|d| format!("#{d}")),
        );
        features.sort();
        features.dedup();
        let position = 1.0 / (1.0 + 0.25 * i as f64);
        out.push(Candidate {
            text: text.to_string(),
            words,
            features,
            score: position * (1.0 + centrality),
        });
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// Builds the summary.
pub(crate) fn build(
    preps: &[Prep<'_>],
    ents: &Entities,
    opts: &AssembleOptions<'_>,
) -> Vec<SummarySentence> {
    let want = opts.summary_sentences.min(MAX_SENTENCES);
    if want == 0 {
        return Vec::new();
    }
    // Independent sources, ranked by centrality: how much of the story's shared entities
    // they mention.
    let mut ranked: Vec<(usize, f64)> = preps
        .iter()
        .enumerate()
        .filter(|(_, p)| p.independent)
        .map(|(a, _)| {
            let c: f64 = ents
                .groups
                .iter()
                .filter(|g| g.body_articles.binary_search(&a).is_ok())
                .map(|g| (g.articles.len() as f64 - 1.0).max(0.0))
                .sum();
            (a, c)
        })
        .collect();
    let reader = opts.language;
    ranked.sort_by(|x, y| {
        let lx = reader.is_some() && preps[x.0].lang.as_deref() == reader;
        let ly = reader.is_some() && preps[y.0].lang.as_deref() == reader;
        ly.cmp(&lx).then(y.1.total_cmp(&x.1)).then(x.0.cmp(&y.0))
    });
    // Bound the work on huge stories: the most central sources are enough for a summary.
    ranked.truncate(want.saturating_mul(4).max(8));
    let mut pools: Vec<(usize, std::vec::IntoIter<Candidate>)> = ranked
        .iter()
        .map(|&(a, _)| (a, candidates(&preps[a], a, ents).into_iter()))
        .collect();
    let mut taken: Vec<Candidate> = Vec::new();
    let mut out = Vec::new();
    while out.len() < want && !pools.is_empty() {
        let mut progressed = false;
        for (a, pool) in pools.iter_mut() {
            if out.len() >= want {
                break;
            }
            for c in pool.by_ref() {
                if taken.iter().any(|t| repeats(&c, t)) {
                    continue;
                }
                let p = &preps[*a];
                out.push(SummarySentence {
                    text: c.text.clone(),
                    article: p.key.to_string(),
                    outlet: p.outlet.clone(),
                    language: p.lang.clone(),
                });
                taken.push(c);
                progressed = true;
                break;
            }
        }
        if !progressed {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: &str, features: &[&str]) -> Candidate {
        let mut words: Vec<String> = norm_words(text)
            .into_iter()
            .filter(|w| w.len() >= 3)
            .collect();
        words.sort();
        words.dedup();
        let mut features: Vec<String> = features.iter().map(|s| s.to_string()).collect();
        features.sort();
        Candidate {
            text: text.into(),
            words,
            features,
            score: 1.0,
        }
    }

    #[test]
    fn near_duplicates_repeat_across_wording_and_language() {
        let a = cand(
            "Gunmen attacked a concert hall near Moscow on Friday evening.",
            &["e1", "e2", "#22"],
        );
        let b = cand(
            "On Friday evening gunmen attacked a concert hall near Moscow.",
            &[],
        );
        let c = cand(
            "Beväpnade män attackerade en konserthall nära Moskva i fredags.",
            &["e1", "e2", "#22"],
        );
        let d = cand(
            "The president spoke about the economy and taxes today.",
            &["e7"],
        );
        assert!(repeats(&b, &a));
        assert!(repeats(&c, &a));
        assert!(!repeats(&d, &a));
    }

    #[test]
    fn questions_quotes_teasers_and_tiny_sentences_are_skipped() {
        assert!(!usable("Why did they attack the hall last week?"));
        assert!(!usable("– We will fight them all, he said loudly today."));
        assert!(!usable(
            "Read more: the long history of the group and its enemies."
        ));
        assert!(!usable("Too short."));
        assert!(usable(
            "The group claimed the attack on Friday evening in a statement."
        ));
    }
}
