//! Language profiles: which language a document is written in, told from its function words
//! and scripts, with no model.
//!
//! Two documents in different languages share few words even when they report the same event,
//! so their similarity has to rest on anchors (names, places, numbers) and cognates instead.
//! A [`LanguageProfile`] is a short vector: one dimension per function-word group of
//! [`crate::text`] (English, Swedish, German, ...) and one per non-Latin script (Cyrillic,
//! Greek, Arabic, Hebrew, Han and kana, Hangul, other). [`LanguageProfile::same_language`] says
//! how sure we are that two documents share a language; with too little evidence (a short
//! headline without any function word) it leans to "same", the cautious side.

use crate::text::{STOPWORD_LANGUAGES, stopword_languages};

/// Script dimensions after the function-word groups.
const SCRIPTS: usize = 7;
/// Dimensions of a profile.
pub const LANGUAGE_DIMS: usize = STOPWORD_LANGUAGES + SCRIPTS;
/// Evidence (function words or non-Latin words) at which a profile is fully trusted.
const FULL_EVIDENCE: f32 = 3.0;
/// Most evidence counted per document (the rest adds nothing and costs time).
const MAX_EVIDENCE: f32 = 200.0;

/// Counts of language evidence while a document is read.
#[derive(Debug, Clone, Default)]
pub(crate) struct LanguageCounts {
    counts: [f32; LANGUAGE_DIMS],
    evidence: f32,
}

impl LanguageCounts {
    /// Counts one normalised word (`first` is the first character of its written form).
    pub(crate) fn word(&mut self, normalized: &str, first: char) {
        if self.evidence >= MAX_EVIDENCE {
            return;
        }
        if let Some(script) = script_of(first) {
            self.counts[STOPWORD_LANGUAGES + script] += 1.0;
            self.evidence += 1.0;
            return;
        }
        let mask = stopword_languages(normalized);
        if mask != 0 {
            let share = 1.0 / mask.count_ones() as f32;
            for (i, c) in self.counts.iter_mut().enumerate().take(STOPWORD_LANGUAGES) {
                if mask & (1 << i) != 0 {
                    *c += share;
                }
            }
            self.evidence += 1.0;
        }
    }

    /// Counts a run of Han or kana characters.
    pub(crate) fn cjk(&mut self, chars: usize) {
        if self.evidence < MAX_EVIDENCE {
            self.counts[STOPWORD_LANGUAGES + 4] += chars as f32;
            self.evidence += chars as f32;
        }
    }

    /// The finished profile.
    pub(crate) fn profile(&self) -> LanguageProfile {
        let norm = self.counts.iter().map(|c| c * c).sum::<f32>().sqrt();
        let mut v = [0.0; LANGUAGE_DIMS];
        if norm > 0.0 {
            let confidence = (self.evidence / FULL_EVIDENCE).min(1.0);
            for (o, c) in v.iter_mut().zip(self.counts.iter()) {
                *o = c / norm * confidence;
            }
        }
        LanguageProfile(v)
    }
}

/// The script dimension of a word's first character, for scripts other than Latin.
fn script_of(c: char) -> Option<usize> {
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF => return None,
        0x0400..=0x052F => 0,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => 1,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => 2,
        0x0590..=0x05FF => 3,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => 4,
        0xAC00..=0xD7AF | 0x1100..=0x11FF => 5,
        _ => 6,
    })
}

/// A document's language profile: a vector over function-word groups and scripts whose length
/// (at most 1) is the confidence. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageProfile(pub(crate) [f32; LANGUAGE_DIMS]);

impl Default for LanguageProfile {
    fn default() -> Self {
        LanguageProfile([0.0; LANGUAGE_DIMS])
    }
}

impl LanguageProfile {
    /// Confidence of the profile in [0, 1]: 0 when the document showed no language evidence.
    pub fn confidence(&self) -> f32 {
        self.0.iter().map(|c| c * c).sum::<f32>().sqrt()
    }

    /// How likely two documents share a language, in [0, 1]: 1 for the same profile, near 0
    /// for two confident profiles of different languages, and close to 1 when either has
    /// little evidence.
    pub fn same_language(&self, other: &LanguageProfile) -> f64 {
        let (ca, cb) = (self.confidence(), other.confidence());
        if ca <= 0.0 || cb <= 0.0 {
            return 1.0;
        }
        let dot: f32 = self.0.iter().zip(other.0.iter()).map(|(a, b)| a * b).sum();
        let cos = (dot / (ca * cb)).clamp(0.0, 1.0);
        (1.0 - (1.0 - cos) * ca * cb) as f64
    }
}

/// Running sum of member profiles, for a story.
#[derive(Debug, Clone, Default)]
pub(crate) struct LanguageSum {
    sum: [f32; LANGUAGE_DIMS],
    n: f32,
}

impl LanguageSum {
    /// Adds a member's profile.
    pub(crate) fn add(&mut self, p: &LanguageProfile) {
        for (s, v) in self.sum.iter_mut().zip(p.0.iter()) {
            *s += v;
        }
        self.n += 1.0;
    }

    /// Adds another story's members.
    pub(crate) fn merge(&mut self, other: &LanguageSum) {
        for (s, v) in self.sum.iter_mut().zip(other.sum.iter()) {
            *s += v;
        }
        self.n += other.n;
    }

    /// The story's profile: the mean direction of its members, with their mean confidence.
    pub(crate) fn profile(&self) -> LanguageProfile {
        let norm = self.sum.iter().map(|c| c * c).sum::<f32>().sqrt();
        let mut v = [0.0; LANGUAGE_DIMS];
        if norm > 0.0 && self.n > 0.0 {
            let confidence = (norm / self.n).min(1.0);
            for (o, c) in v.iter_mut().zip(self.sum.iter()) {
                *o = c / norm * confidence;
            }
        }
        LanguageProfile(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn profile(text: &str) -> LanguageProfile {
        let mut c = LanguageCounts::default();
        for w in text.split_whitespace() {
            c.word(&normalize(w), w.chars().next().unwrap_or(' '));
        }
        c.profile()
    }

    #[test]
    fn tells_languages_apart() {
        let en = profile("the fire spread to the terminal and the ferry was cancelled");
        let en2 = profile("police said that the blaze was under control by the morning");
        let sv = profile("elden spred sig till terminalen och färjan ställdes in efter att");
        let ru = profile("Пожар в порту уничтожил склад");
        assert!(en.same_language(&en2) > 0.9, "{}", en.same_language(&en2));
        assert!(en.same_language(&sv) < 0.2, "{}", en.same_language(&sv));
        assert!(en.same_language(&ru) < 0.2, "{}", en.same_language(&ru));
        assert!((en.same_language(&sv) - sv.same_language(&en)).abs() < 1e-9);
    }

    #[test]
    fn little_evidence_leans_to_same() {
        let none = profile("Kalmsund Gdynia 2024");
        let one = profile("fire in Kalmsund");
        let sv = profile("elden spred sig till terminalen och färjan ställdes in efter att");
        assert_eq!(none.same_language(&sv), 1.0);
        assert!(one.same_language(&sv) > 0.6, "{}", one.same_language(&sv));
    }

    #[test]
    fn story_profile_is_the_mean_direction() {
        let en = profile("the fire spread to the terminal and the ferry was cancelled");
        let sv = profile("elden spred sig till terminalen och färjan ställdes in efter att");
        let mut s = LanguageSum::default();
        s.add(&en);
        s.add(&sv);
        let p = s.profile();
        let (a, b) = (p.same_language(&en), p.same_language(&sv));
        assert!(a > 0.5 && b > 0.5 && a < 0.95, "{a} {b}");
    }
}
