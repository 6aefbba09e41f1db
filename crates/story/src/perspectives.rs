//! Perspectives: the story's quotes grouped by speaker, the same person merged across articles
//! and languages.

use std::collections::HashMap;

use parallax_analysis::{EntityKind, Quote};

use crate::assemble::Prep;
use crate::page::{Perspective, PerspectiveQuote};
use crate::text::{CharText, norm_name, norm_words, shorten};

/// Most perspectives a page lists.
const MAX_PERSPECTIVES: usize = 50;
/// Longest quote segment kept, in characters.
const MAX_QUOTE_CHARS: usize = 1_000;
/// Most statements kept per speaker.
const MAX_QUOTES: usize = 30;

/// Lowercase name particles allowed inside a personal name.
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "la", "le", "da", "das", "dos", "del", "bin", "al", "af",
    "ibn", "ten", "ter", "du", "di", "y",
];

struct Speaker {
    words: Vec<String>,
    p: Perspective,
    first: usize,
    seen: Vec<String>,
}

/// Whether the speaker's words name the same person: equal, or one name's words end the
/// other's ("Schmidt", "Paton Walsh") with agreeing first names or initials.
fn same_person(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.ends_with(short) {
        return true;
    }
    // Same surname, first names agreeing by initial ("M. Schmidt").
    a.last() == b.last()
        && a.len() >= 2
        && b.len() >= 2
        && (a[0] == b[0]
            || (a[0].len() == 1 && b[0].starts_with(&a[0]))
            || (b[0].len() == 1 && a[0].starts_with(&b[0])))
}

/// The speaker's name when it looks like a person's: a person entity of the article, or two
/// to five capitalised words; pronouns, common nouns and organisations and places are dropped.
fn speaker_name(q: &Quote, known: &HashMap<String, (EntityKind, &str)>) -> Option<String> {
    let name = q
        .speaker_name
        .as_deref()
        .or(q.source_text.as_deref())?
        .trim();
    let folded = norm_name(name);
    if folded.is_empty() || parallax_analysis::lexicon::PRONOUNS.contains(&folded.as_str()) {
        return None;
    }
    match known.get(&folded) {
        Some((EntityKind::Person, canonical)) => return Some(canonical.to_string()),
        Some((EntityKind::Org | EntityKind::Place, _)) => return None,
        _ => {}
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let looks_like_name = (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(&w.to_lowercase().as_str())
        })
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    looks_like_name.then(|| name.to_string())
}

/// Separates a role the analysis left in front of the name: when the quote's role is the last
/// words of the speaker ("Hamnchefen Karin Sjöholm" with role "Karin Sjöholm"), the role is the
/// name and the words before it are the role. A role that only repeats the name is dropped.
fn split_role(name: String, role: Option<&str>) -> (String, Option<String>) {
    let role = role.map(str::trim).filter(|r| !r.is_empty());
    let Some(r) = role else {
        return (name, None);
    };
    let (nw, rw) = (norm_words(&name), norm_words(r));
    if nw == rw {
        return (name, None);
    }
    if rw.len() >= 2 && nw.len() > rw.len() && nw.ends_with(&rw) {
        let lead: Vec<&str> = name.split_whitespace().collect();
        let cut = lead.len().saturating_sub(rw.len());
        let prefix = lead[..cut].join(" ");
        let prefix = prefix.trim_end_matches(',').trim();
        return (
            r.to_string(),
            (!prefix.is_empty()).then(|| prefix.to_lowercase()),
        );
    }
    (name, Some(r.to_string()))
}

/// Builds the perspectives: most statements first, then first appearance.
pub(crate) fn build(preps: &[Prep<'_>], order: &[usize]) -> Vec<Perspective> {
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut n = 0usize;
    for &a in order {
        let p = &preps[a];
        let Some(body) = p.parts.first() else {
            continue;
        };
        if body.analysis.quotes.is_empty() {
            continue;
        }
        let ct = CharText::new(&body.text);
        // The article's entities by folded name and alias: (kind, canonical name).
        let mut known: HashMap<String, (EntityKind, &str)> = HashMap::new();
        for e in &body.analysis.entities {
            for form in std::iter::once(&e.name).chain(e.aliases.iter()) {
                known
                    .entry(norm_name(form))
                    .or_insert((e.kind, e.name.as_str()));
            }
        }
        for q in &body.analysis.quotes {
            n += 1;
            let Some(name) = speaker_name(q, &known) else {
                continue;
            };
            let (name, role) = split_role(name, q.role.as_deref());
            let words = norm_words(&name);
            let text = q
                .content_segments
                .iter()
                .map(|s| {
                    let end = s[1].min(s[0].saturating_add(MAX_QUOTE_CHARS + 1));
                    shorten(&clean_segment(ct.slice(s[0], end)), MAX_QUOTE_CHARS)
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" … ");
            // Every way two names can match keeps the surname: look only there.
            let surname = words.last().cloned().unwrap_or_default();
            let known = by_surname.entry(surname).or_default();
            let idx = match known
                .iter()
                .copied()
                .find(|&i| same_person(&speakers[i].words, &words))
            {
                Some(i) => i,
                None => {
                    known.push(speakers.len());
                    speakers.push(Speaker {
                        words: words.clone(),
                        p: Perspective {
                            speaker: name.clone(),
                            ..Perspective::default()
                        },
                        first: n,
                        seen: Vec::new(),
                    });
                    speakers.len() - 1
                }
            };
            let s = &mut speakers[idx];
            if words.len() > s.words.len() {
                s.words = words;
                s.p.speaker = name;
            }
            if s.p.role.is_none() {
                s.p.role = role;
            }
            if s.p.affiliation.is_none() {
                s.p.affiliation = q.affiliation.clone().filter(|r| !r.trim().is_empty());
            }
            if let Some(o) = q.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                s.p.analysis = true;
                if !s.p.outlets.iter().any(|x| norm_name(x) == norm_name(o)) {
                    s.p.outlets.push(o.to_string());
                }
            }
            let key = norm_name(&text);
            if text.is_empty() || s.seen.contains(&key) || s.p.quotes.len() >= MAX_QUOTES {
                continue;
            }
            s.seen.push(key);
            s.p.quotes.push(PerspectiveQuote {
                text,
                kind: q.kind,
                article: p.key.to_string(),
                reported_by: p.outlet.clone(),
                language: p.lang.clone(),
            });
        }
    }
    speakers.retain(|s| !s.p.quotes.is_empty() || s.p.analysis);
    speakers.sort_by_key(|s| (std::cmp::Reverse(s.p.quotes.len()), s.first));
    speakers.truncate(MAX_PERSPECTIVES);
    speakers.into_iter().map(|s| s.p).collect()
}

/// A quote segment without surrounding whitespace, dashes and quotation marks; a closing
/// mark stays when it closes a quotation inside the segment (`there was “nothing to
/// suggest arson”`).
fn clean_segment(s: &str) -> String {
    const MARKS: [char; 7] = ['"', '“', '”', '„', '«', '»', '\''];
    let is_double = |c: char| MARKS[..6].contains(&c);
    let s = s
        .trim()
        .trim_start_matches(['–', '—', '-', ' '])
        .trim_start_matches(MARKS)
        .trim_end();
    let body = s.trim_end_matches(MARKS);
    let s = if body.chars().filter(|&c| is_double(c)).count() % 2 == 1 {
        s
    } else {
        body
    };
    s.trim()
        .trim_end_matches([',', ';', ':'])
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        norm_words(s)
    }

    #[test]
    fn merges_surnames_and_initials_not_namesakes() {
        assert!(same_person(&w("Matthew Schmidt"), &w("Schmidt")));
        assert!(same_person(&w("Nick Paton Walsh"), &w("Paton Walsh")));
        assert!(same_person(&w("Łukasz Fyderek"), &w("LUKASZ FYDEREK")));
        assert!(same_person(&w("M. Schmidt"), &w("Matthew Schmidt")));
        assert!(!same_person(&w("Anna Schmidt"), &w("Matthew Schmidt")));
    }

    #[test]
    fn roles_left_in_front_of_names_are_split_off() {
        assert_eq!(
            split_role("Hamnchefen Karin Sjöholm".into(), Some("Karin Sjöholm")),
            ("Karin Sjöholm".to_string(), Some("hamnchefen".to_string()))
        );
        assert_eq!(
            split_role("Anna Berg".into(), Some("Anna Berg")),
            ("Anna Berg".to_string(), None)
        );
        assert_eq!(
            split_role(
                "Marta Lind".into(),
                Some("the company's head of operations")
            ),
            (
                "Marta Lind".to_string(),
                Some("the company's head of operations".to_string())
            )
        );
    }

    #[test]
    fn segments_lose_dashes_and_marks() {
        assert_eq!(
            clean_segment(" – The motives are clear "),
            "The motives are clear"
        );
        assert_eq!(clean_segment("”Gruppen lär.”"), "Gruppen lär.");
        assert_eq!(
            clean_segment("there was “nothing to suggest arson”"),
            "there was “nothing to suggest arson”"
        );
        assert_eq!(clean_segment("“We are ready,”"), "We are ready");
    }
}
