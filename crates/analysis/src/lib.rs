//! Article analysis for Parallax: who is mentioned, who said what, and which figures are
//! reported, in many languages (en, sv, pl, de, fr, es, it, ru and more, by rule).
//!
//! [`analyze`] takes an article's plain text and returns an [`Analysis`]:
//!
//! * [`Entity`]: people, organisations and places with every mention's offsets, a canonical
//!   name and the aliases merged within the article (surnames to full names, acronyms to their
//!   expansions, inflected and possessive forms, country names across languages);
//! * [`Quote`]: direct, indirect and mixed quotes with their content, cue and source spans, the
//!   speaker's resolved full name, role, affiliation and outlet;
//! * [`ReportedFigure`]: numbers in digits and words with qualifier and what they count, plus
//!   [`Casualties`], the killed / injured summary of the article's main incident.
//!
//! All offsets in the results are **character** (Unicode scalar) offsets into the text exactly
//! as given, end exclusive. Analysis is rule-based, linear in the text length and never panics:
//! any input (no sentences, unbalanced quotation marks, megabyte paragraphs, mixed scripts)
//! yields a sensible, possibly empty, result.

#![warn(missing_docs)]

pub mod entities;
pub mod figures;
pub mod gazetteer;
pub mod lexicon;
pub mod quotes;
pub mod text;

use serde::{Deserialize, Serialize};
use text::CharMap;

/// Everything the analysis found in one article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    /// ISO 639-1 code of the text's language, when it could be told.
    pub language: Option<String>,
    /// People, organisations and places, in order of first mention.
    pub entities: Vec<Entity>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Reported figures in text order.
    pub figures: Vec<ReportedFigure>,
    /// Killed / injured counts of the main incident.
    pub casualties: Casualties,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: a company, party, armed group, institution, outlet.
    Org,
    /// A place: a country, city, region.
    Place,
    /// A capitalised name of unknown kind.
    Other,
}

/// One entity with all its mentions in the article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// Canonical name: the full name, the expansion of an acronym, or the English name of a
    /// known country or capital.
    pub name: String,
    /// Person, organisation, place or other.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Other surface forms of the entity in the article (without the canonical name).
    pub aliases: Vec<String>,
    /// `[start, end)` character spans of every mention.
    pub mentions: Vec<[usize; 2]>,
}

/// Whether a quote reproduces the speaker's words.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// All inside quotation marks (or dash-introduced speech).
    Direct,
    /// Reported speech, no quotation marks.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

/// One quote and its attribution.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// `[start, end)` character spans of the quoted content (several when a cue interrupts it).
    pub content_segments: Vec<[usize; 2]>,
    /// The reporting verb or phrase ("says", "according to", "skriver").
    pub cue: Option<[usize; 2]>,
    /// The source as written ("he", "Dr. Hab. Łukasz Fyderek", "top black lawmakers").
    pub source: Option<[usize; 2]>,
    /// The text of `source`.
    pub source_text: Option<String>,
    /// The speaker's resolved full name (a surname or pronoun resolved to the earlier full
    /// mention; carried over from the previous paragraph's speaker).
    pub speaker_name: Option<String>,
    /// The speaker's role ("a national security expert").
    pub role: Option<String>,
    /// The speaker's affiliation ("the Center for Strategic and International Studies").
    pub affiliation: Option<String>,
    /// The outlet the speaker writes or speaks for ("Sky News").
    pub outlet: Option<String>,
}

/// The value of a reported figure: a number, or the phrase of a vague quantity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Value {
    /// A whole number.
    Int(u64),
    /// A number with a fraction.
    Float(f64),
    /// A vague quantity ("several thousand").
    Text(String),
}

/// One reported figure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportedFigure {
    /// The number.
    pub value: Value,
    /// "more than", "at least", "about", "nearly", "up to", "less than", "part of" (a part
    /// of a larger count: "four of the injured"), or none.
    pub qualifier: Option<String>,
    /// What is counted: "killed", "injured", "shot", "hostages", "arrested", "fighters",
    /// "attackers", "people", "money", "percent".
    pub measure: String,
    /// The place phrase the figure attaches to, when one is near ("near Moscow").
    pub about: Option<String>,
    /// The figure phrase as written.
    pub text: String,
    /// `[start, end)` character span of `text`.
    pub span: [usize; 2],
}

/// Killed and injured counts of an article's main incident; `None` when the article states none.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Casualties {
    /// People killed.
    pub killed: Option<u64>,
    /// People injured.
    pub injured: Option<u64>,
}

/// Analyses one article's plain text. `language` is an ISO 639-1 code when the caller already
/// knows it; otherwise it is detected from the text.
pub fn analyze(text: &str, language: Option<&str>) -> Analysis {
    let lang: Option<String> = match language {
        Some(l) if !l.is_empty() => Some(l.to_lowercase()),
        _ => parallax_lang::detect(text, None).map(str::to_string),
    };
    let code = lang.as_deref().unwrap_or("en");
    let toks = text::tokenize(text);
    let map = CharMap::new(text);
    let slice = |(s, e): (usize, usize)| text.get(s..e).unwrap_or("").to_string();

    let (figs, cas) = figures::find_all(text, &toks, code);
    let figures = figs
        .into_iter()
        .map(|f| ReportedFigure {
            value: match f.value {
                figures::FigureValue::Number(v) if v.fract() == 0.0 && (0.0..1e15).contains(&v) => {
                    Value::Int(v as u64)
                }
                figures::FigureValue::Number(v) => Value::Float(v),
                figures::FigureValue::Vague(s) => Value::Text(s),
            },
            qualifier: f.qualifier.map(str::to_string),
            measure: f.measure.to_string(),
            about: f.about.map(slice),
            text: slice(f.span),
            span: map.span(f.span),
        })
        .collect();

    let ents = entities::find_entities(text, &toks, code);
    let qs = quotes::find_quotes(text, &toks, code, &ents);
    let entities = ents
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            mentions: e.mentions.iter().map(|&m| map.span(m)).collect(),
        })
        .collect();
    let quotes = qs
        .into_iter()
        .map(|q| Quote {
            kind: q.kind,
            content_segments: q.content.iter().map(|&s| map.span(s)).collect(),
            cue: q.cue.map(|s| map.span(s)),
            source: q.source.map(|s| map.span(s)),
            source_text: q.source.map(slice),
            speaker_name: q.speaker_name,
            role: q.role,
            affiliation: q.affiliation,
            outlet: q.outlet,
        })
        .collect();
    Analysis {
        language: lang,
        entities,
        quotes,
        figures,
        casualties: Casualties {
            killed: cas.killed,
            injured: cas.injured,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_never_panics() {
        let long = "ä„«“".repeat(50_000);
        let numbers = "1 500 ".repeat(20_000);
        let dashes = "– said Smith, ".repeat(5_000);
        let commas = ",".repeat(50_000) + " said Smith.";
        for t in [
            "",
            "“",
            "„unbalanced",
            "– – –",
            "1,5 1.5 1 500",
            "\n\n\n",
            long.as_str(),
            numbers.as_str(),
            dashes.as_str(),
            commas.as_str(),
            "Мир 和平 peace ١٢٣",
        ] {
            let a = analyze(t, Some("en"));
            for f in &a.figures {
                assert!(f.span[0] <= f.span[1]);
            }
        }
    }

    #[test]
    fn offsets_are_characters() {
        let t = "Łódź: över 130 personer dog.";
        let a = analyze(t, Some("sv"));
        let f = &a.figures[0];
        let chars: Vec<char> = t.chars().collect();
        let s: String = chars[f.span[0]..f.span[1]].iter().collect();
        assert_eq!(s, f.text);
        assert_eq!(f.text, "över 130 personer dog");
    }
}
