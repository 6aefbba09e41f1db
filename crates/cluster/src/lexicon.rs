//! A built-in cross-lingual lexicon of common news concepts.
//!
//! Two reports of one event in different languages rarely share words ("medalla de oro en
//! natación", "Schwimmen: Gold", "золото в плавании"), and within one language they often use
//! synonyms ("killed"/"dead", "gunman"/"shooter"). The lexicon maps the common words of news
//! and their inflected forms to language-independent *concepts* (`swimming`, `gold`, `death`,
//! `shooting`, …).
//!
//! # Data and method
//!
//! The table (`data/concepts.txt`, embedded at compile time) was written by hand from general
//! knowledge of the languages — dictionary forms and the inflected forms common in news prose —
//! for English, Swedish, Norwegian, Danish, Finnish, Polish, German, Dutch, French, Spanish,
//! Italian, Portuguese, Russian, Ukrainian, Czech, Turkish, Arabic, Slovene and Chinese. It was
//! not derived from any corpus. It covers the main news domains evenly: conflict and terrorism,
//! crime and justice, disasters and accidents, politics and elections, economy, health, science
//! and technology, sports (events, outcomes and the disciplines) and culture, in about 160
//! concepts (each a line).
//!
//! Each line is `concept = form form …`. A form is stored after the same normalisation and
//! light stemming as document words ([`normalize`], [`stem`]), so that most inflections meet
//! their entry; a form ending in `*` is a prefix (at least [`MIN_PREFIX_CHARS`] letters) that
//! matches every normalised word beginning with it, which covers the case endings of Finnish,
//! the Slavic languages and Turkish ("plavanj*" finds "plavanju", "olimpijsk*" finds
//! "olimpijskih"). Arabic words are matched with their article and clitics removed. Forms in
//! Han script are found inside unsegmented text with an Aho-Corasick automaton. A form listed
//! under two concepts belongs to the first. The table is small (a few thousand forms) and
//! builds in well under a millisecond on first use.
//!
//! Some concepts exclude each other: the sport disciplines, and the medal colours (a line
//! `[exclusive NAME]` opens such a group, `[shared]` closes it). Two headlines that name
//! different concepts of one group and none in common ("judo" and "swimming", a gold and a
//! bronze) are about different stories, however much else (the Games, the country) they share:
//! clustering lowers their similarity.
//!
//! # What did not help
//!
//! Concepts as an additive channel of the similarity (a cosine of concept vectors, within and
//! across languages, at every weight tried, with or without a norm floor, from headlines only or
//! also from the body, alone or as concept × anchor pairs), and concepts added to the word
//! vector as synonyms, all lowered clustering quality: two different stories of one kind (two
//! shootings, two reports on an opening ceremony, two aircraft launches) share their concepts as
//! much as two reports of one story do, so concepts chained stories together. They are used
//! only as negative evidence; [`concept`] exposes the table.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use crate::text::{is_cjk, normalize, stem};

/// The concept table: see the module docs for its format.
const CONCEPTS: &str = include_str!("../data/concepts.txt");

/// Fewest letters before the `*` of a prefix form; shorter prefixes are read as whole words.
pub const MIN_PREFIX_CHARS: usize = 4;

/// The lookup tables built from [`CONCEPTS`].
pub(crate) struct Lexicon {
    /// Concept names, indexed by concept number.
    names: Vec<&'static str>,
    /// The exclusive group of each concept (0: none): concepts of one group exclude each other.
    groups: Vec<u8>,
    /// Normalised and stemmed whole-word form → concept number.
    exact: FxHashMap<String, u16>,
    /// Normalised prefix → concept number.
    prefixes: FxHashMap<String, u16>,
    /// Longest prefix, in characters.
    max_prefix_chars: usize,
    /// Automaton over the forms written in Han script, with the concept of each pattern.
    cjk: Option<(AhoCorasick, Vec<u16>)>,
}

/// The built-in lexicon, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| build(CONCEPTS));

fn build(table: &'static str) -> Lexicon {
    let mut names: Vec<&'static str> = Vec::new();
    let mut groups = Vec::new();
    let mut group: u8 = 0;
    let mut last_group: u8 = 0;
    let mut exact = FxHashMap::default();
    let mut prefixes = FxHashMap::default();
    let mut max_prefix_chars = 0;
    let mut cjk_patterns = Vec::new();
    let mut cjk_ids = Vec::new();
    for line in table.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("[exclusive") {
            last_group = last_group.saturating_add(1);
            group = last_group;
            continue;
        }
        if line == "[shared]" {
            group = 0;
            continue;
        }
        let Some((name, forms)) = line.split_once('=') else {
            continue;
        };
        let Ok(id) = u16::try_from(names.len()) else {
            break;
        };
        names.push(name.trim());
        groups.push(group);
        for form in forms.split_whitespace() {
            if form.chars().any(is_cjk) {
                cjk_patterns.push(form);
                cjk_ids.push(id);
                continue;
            }
            let (word, is_prefix) = match form.strip_suffix('*') {
                Some(w) => (w, true),
                None => (form, false),
            };
            let norm = normalize(word);
            let chars = norm.chars().count();
            if chars < 2 {
                continue;
            }
            if is_prefix && chars >= MIN_PREFIX_CHARS {
                max_prefix_chars = max_prefix_chars.max(chars);
                prefixes.entry(norm).or_insert(id);
            } else {
                exact.entry(stem(&norm).to_string()).or_insert(id);
            }
        }
    }
    let cjk = AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&cjk_patterns)
        .ok()
        .map(|ac| (ac, cjk_ids));
    Lexicon {
        names,
        groups,
        exact,
        prefixes,
        max_prefix_chars,
        cjk,
    }
}

impl Lexicon {
    /// The concept of a word given in normalised (`norm`) and stemmed (`stemmed`) form.
    pub(crate) fn concept(&self, norm: &str, stemmed: &str) -> Option<u16> {
        if let Some(&c) = self.exact.get(stemmed) {
            return Some(c);
        }
        // Arabic words are read without their article and clitics (the stemmed form).
        let base = if stemmed.len() < norm.len() && !norm.is_ascii() {
            stemmed
        } else {
            norm
        };
        self.longest_prefix(base)
    }

    /// The concept of the longest prefix form that `word` begins with.
    fn longest_prefix(&self, word: &str) -> Option<u16> {
        let mut ends: [usize; 32] = [0; 32];
        let mut n = 0;
        for (chars, (i, c)) in word.char_indices().enumerate() {
            if chars >= self.max_prefix_chars || n == ends.len() {
                break;
            }
            let end = i + c.len_utf8();
            if chars + 1 >= MIN_PREFIX_CHARS {
                ends[n] = end;
                n += 1;
            }
        }
        ends[..n]
            .iter()
            .rev()
            .find_map(|&end| self.prefixes.get(&word[..end]).copied())
    }

    /// The concepts named by Han-script forms inside an unsegmented run of text.
    pub(crate) fn cjk_concepts<'a>(&'a self, run: &'a str) -> impl Iterator<Item = u16> + 'a {
        self.cjk
            .iter()
            .flat_map(move |(ac, ids)| ac.find_iter(run).map(move |m| ids[m.pattern().as_usize()]))
    }

    /// The name of concept number `id`.
    pub(crate) fn name(&self, id: u16) -> &'static str {
        self.names.get(usize::from(id)).copied().unwrap_or("")
    }

    /// Whether concept `id` excludes the other exclusive concepts (see the module docs).
    pub(crate) fn is_exclusive(&self, id: u16) -> bool {
        self.group(id) != 0
    }

    /// The exclusive group of concept `id` (0 when it excludes nothing).
    pub(crate) fn group(&self, id: u16) -> u8 {
        self.groups.get(usize::from(id)).copied().unwrap_or(0)
    }

    /// Number of concepts.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.names.len()
    }
}

/// The language-independent concept a word stands for in the built-in news lexicon, if any:
/// `"Schwimmerin"`, `"natación"` and `"плавание"` are all `swimming`, `"killed"` and `"dead"`
/// are both `death`. The word is normalised and stemmed as document words are.
pub fn concept(word: &str) -> Option<&'static str> {
    let lex = &*LEXICON;
    if word.chars().any(is_cjk) {
        return lex.cjk_concepts(word).next().map(|c| lex.name(c));
    }
    let norm = normalize(word);
    lex.concept(&norm, stem(&norm)).map(|c| lex.name(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(words: &[&str], want: &str) {
        for w in words {
            assert_eq!(concept(w), Some(want), "{w}");
        }
    }

    #[test]
    fn sports_across_languages_and_inflections() {
        all(
            &[
                "swimming",
                "Swimmer",
                "simning",
                "Schwimmerin",
                "natación",
                "natação",
                "nuoto",
                "плавание",
                "плавании",
                "plavanju",
                "pływaczka",
                "uinnissa",
                "yüzme",
                "游泳",
            ],
            "swimming",
        );
        all(
            &[
                "gold",
                "guld",
                "Goldmedaille",
                "oro",
                "ouro",
                "золото",
                "золотую",
                "zlato",
                "altın",
                "金牌",
            ],
            "gold",
        );
        all(
            &[
                "medal",
                "medaljer",
                "Medaillen",
                "médailles",
                "medallas",
                "медали",
                "madalyası",
            ],
            "medal",
        );
        all(
            &[
                "Olympics",
                "olímpicos",
                "olimpijskih",
                "Олимпиады",
                "olympiska",
            ],
            "olympics",
        );
        all(&["judokas", "judoca", "дзюдоистка"], "judo");
        all(&["skateboarding", "скейтбординг"], "skateboarding");
    }

    #[test]
    fn synonyms_within_one_language() {
        all(&["killed", "dead", "died", "deaths"], "death");
        all(&["gunman", "shooter", "shooting", "gunfire"], "shooting");
        all(
            &["Tote", "getötet", "muertos", "убиты", "погибли", "قتلى"],
            "death",
        );
    }

    #[test]
    fn news_domains() {
        all(
            &[
                "earthquake",
                "Erdbeben",
                "séisme",
                "terremoto",
                "землетрясения",
                "deprem",
                "زلزال",
                "地震",
            ],
            "earthquake",
        );
        all(
            &[
                "election",
                "elecciones",
                "Wahlen",
                "wybory",
                "выборы",
                "seçim",
                "انتخابات",
            ],
            "election",
        );
        all(
            &["inflation", "inflación", "инфляция", "enflasyon"],
            "inflation",
        );
        all(
            &[
                "vaccine",
                "vacunas",
                "Impfstoff",
                "szczepionka",
                "вакцина",
                "aşısı",
            ],
            "vaccine",
        );
        all(
            &[
                "arrested",
                "detenido",
                "festgenommen",
                "задержан",
                "gözaltına",
            ],
            "arrest",
        );
        all(
            &["refugees", "Flüchtlinge", "беженцы", "mülteciler", "لاجئين"],
            "refugee",
        );
    }

    #[test]
    fn unrelated_words_have_no_concept() {
        for w in [
            "Venezuela",
            "the",
            "Vladimir",
            "promise",
            "pelicano",
            "bombero",
            "Kazan",
            "report",
        ] {
            assert_eq!(concept(w), None, "{w}");
        }
    }

    #[test]
    fn table_is_compact_and_well_formed() {
        let lex = &*LEXICON;
        assert!(lex.len() > 100 && lex.len() < u16::MAX as usize);
        assert!(lex.exact.len() + lex.prefixes.len() > 3_000);
        assert!(lex.names.iter().all(|n| !n.is_empty() && !n.contains(' ')));
        let id = |name: &str| {
            lex.names
                .iter()
                .position(|&n| n == name)
                .and_then(|i| u16::try_from(i).ok())
                .unwrap_or(u16::MAX)
        };
        // Disciplines and medal colours are two exclusive groups; other concepts are in none.
        assert_eq!(lex.group(id("judo")), lex.group(id("swimming")));
        assert_eq!(lex.group(id("gold")), lex.group(id("bronze")));
        assert!(lex.group(id("judo")) != 0 && lex.group(id("gold")) != 0);
        assert!(lex.group(id("judo")) != lex.group(id("gold")));
        for shared in ["medal", "death", "election", "women", "olympics"] {
            assert!(!lex.is_exclusive(id(shared)), "{shared}");
        }
        // Every form of every concept maps back to a concept (first listing wins).
        assert!(lex.exact.values().all(|&c| usize::from(c) < lex.len()));
        assert!(
            lex.prefixes
                .keys()
                .all(|p| p.chars().count() >= MIN_PREFIX_CHARS)
        );
    }
}
