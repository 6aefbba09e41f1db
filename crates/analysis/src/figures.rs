//! Figures: numbers in digits and words with their qualifier ("more than", "at least") and what
//! they count (killed, injured, hostages, arrested, fighters, people, money, percent), plus a
//! per-article casualty summary for the main incident.
//!
//! The scan is one pass over the tokens with bounded look-around windows, so it is linear in the
//! text length. Number formats follow the language: "1,500" is fifteen hundred in English and
//! one and a half in Polish, "1 500" is fifteen hundred in Swedish, Polish, French and Russian.

use crate::lexicon::{
    CONJUNCTIONS, EXACT_MEASURES, MEASURES, MONEY_WORDS, NUMBER_WORDS, PEOPLE_NOUNS, PERCENT_WORDS,
    QUALIFIERS, VAGUE_WORDS, WEAK_NUMBER_WORDS,
};
use crate::text::{Tok, TokKind, is_sentence_stop};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The value of a figure.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// An exact number ("130", "two", "1,5 mln").
    Number(f64),
    /// A vague quantity, kept as its lowercase phrase ("several thousand", "dozens").
    Vague(String),
}

impl FigureValue {
    /// The value as a whole non-negative count, when it is one.
    pub fn as_count(&self) -> Option<u64> {
        match self {
            FigureValue::Number(v) if *v >= 0.0 && v.fract() == 0.0 && *v < 1e15 => Some(*v as u64),
            _ => None,
        }
    }
}

/// One reported figure, with byte offsets into the analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The number.
    pub value: FigureValue,
    /// Normalised qualifier: "more than", "at least", "about", "nearly", "up to", "less than",
    /// or [`PART_OF`] for a part of a larger count ("four of the injured").
    pub qualifier: Option<&'static str>,
    /// What is counted: "killed", "injured", "shot", "hostages", "arrested", "fighters",
    /// "attackers", "people", "money", "percent".
    pub measure: &'static str,
    /// The place phrase the figure attaches to ("in Kabul", "near Moscow"), when one is near.
    pub about: Option<(usize, usize)>,
    /// Byte span of the whole figure phrase (qualifier, number, what it counts).
    pub span: (usize, usize),
}

/// Killed and injured counts for an article's main incident (`None`: not stated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    /// People killed.
    pub killed: Option<u64>,
    /// People injured.
    pub injured: Option<u64>,
}

static NUMBERS: LazyLock<HashMap<&'static str, (u64, u8)>> =
    LazyLock::new(|| NUMBER_WORDS.iter().map(|&(w, v, k)| (w, (v, k))).collect());

/// Morphemes for compound number words written as one word ("tvåhundra", "dreihundertfünfzig",
/// "einundzwanzig"), longest first.
static MORPHEMES: LazyLock<Vec<(&'static str, u64, u8)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, u64, u8)> = NUMBER_WORDS
        .iter()
        .copied()
        .filter(|(w, _, _)| w.chars().count() >= 3)
        .collect();
    v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
    v
});

/// The first three characters of a word (all of it when shorter).
fn head3(w: &str) -> &str {
    let end = w.char_indices().nth(3).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// First three characters of every morpheme: a fast reject for words that cannot be
/// compound numbers.
static MORPHEME_HEADS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| MORPHEMES.iter().map(|(m, _, _)| head3(m)).collect());

/// First three characters (or the whole prefix when shorter) of every measure prefix.
static MEASURE_HEADS: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| MEASURES.iter().map(|(m, _)| head3(m)).collect());

/// Adds a number-word value to a running (total, current) pair.
fn accumulate(total: &mut u64, current: &mut u64, value: u64, kind: u8) {
    match kind {
        1 => *current = (*current).max(1).saturating_mul(value),
        2 => {
            *total = total.saturating_add((*current).max(1).saturating_mul(value));
            *current = 0;
        }
        _ => *current = current.saturating_add(value),
    }
}

/// Value of one lowercase word that is a number word or a compound of number words.
fn word_number(word: &str) -> Option<(u64, u8)> {
    if let Some(&v) = NUMBERS.get(word) {
        return Some(v);
    }
    if word.chars().count() < 6 || word.len() > 60 || !MORPHEME_HEADS.contains(head3(word)) {
        return None;
    }
    let (mut total, mut current, mut rest, mut parts, mut last_kind) = (0u64, 0u64, word, 0, 0u8);
    while !rest.is_empty() {
        let (m, v, k) = MORPHEMES
            .iter()
            .find(|(m, _, _)| rest.starts_with(m))
            .copied()
            .or_else(|| {
                ["und", "och"]
                    .iter()
                    .find(|j| rest.starts_with(**j))
                    .map(|j| (*j, 0, 0))
            })?;
        accumulate(&mut total, &mut current, v, k);
        rest = &rest[m.len()..];
        parts += 1;
        last_kind = k;
    }
    (parts >= 2).then_some((total + current, if last_kind == 2 { 2 } else { 0 }))
}

fn lang_groups(lang: &str) -> (char, &'static [char]) {
    // (decimal separator, thousands separators)
    match lang {
        "en" | "zh" | "ja" | "ko" | "he" | "hi" => ('.', &[',']),
        "de" | "es" | "it" | "nl" | "da" | "id" | "tr" | "el" => (',', &['.']),
        _ => (',', &[' ', '\u{a0}', '\u{202f}', '.']),
    }
}

/// Parses a digit number starting at byte `start` (a digit token); returns its value and end.
fn parse_digits(text: &str, start: usize, lang: &str) -> Option<(f64, usize)> {
    let (dec, groups) = lang_groups(lang);
    let bytes = text.as_bytes();
    let digit_run = |from: usize| -> usize {
        let mut e = from;
        while e < bytes.len() && bytes[e].is_ascii_digit() {
            e += 1;
        }
        e
    };
    let mut end = digit_run(start);
    if end == start {
        // A non-ASCII digit run: take the token as is.
        let t = text.get(start..)?;
        let len: usize = t
            .chars()
            .take_while(|c| c.is_numeric())
            .map(char::len_utf8)
            .sum();
        let v: f64 = t
            .get(..len)?
            .chars()
            .filter_map(|c| c.to_digit(10))
            .fold(0.0, |a, d| a * 10.0 + f64::from(d));
        return Some((v, start + len));
    }
    let mut int = text.get(start..end)?.to_string();
    let first_len = end - start;
    // Thousands groups: a separator followed by exactly three digits.
    if first_len <= 3 {
        while let Some(c) = text.get(end..).and_then(|s| s.chars().next()) {
            if !groups.contains(&c) {
                break;
            }
            let g = end + c.len_utf8();
            let ge = digit_run(g);
            if ge - g != 3 {
                break;
            }
            // "1.500,5" is fine; "1.5003" is not a group.
            int.push_str(text.get(g..ge)?);
            end = ge;
        }
    }
    let mut value: f64 = int.parse().ok()?;
    // Decimal part: the decimal separator followed by digits. English also takes "1,5"? No:
    // "1,5" in English is a list; only the language's own separator counts.
    if text.get(end..).is_some_and(|s| s.starts_with(dec)) {
        let d = end + 1;
        let de = digit_run(d);
        if de > d && de - d <= 6 {
            let frac: f64 = format!("0.{}", text.get(d..de)?).parse().ok()?;
            value += frac;
            end = de;
        }
    }
    Some((value, end))
}

fn qualifier_phrases() -> &'static [(Vec<&'static str>, &'static str)] {
    static Q: LazyLock<Vec<(Vec<&'static str>, &'static str)>> = LazyLock::new(|| {
        let mut v: Vec<(Vec<&'static str>, &'static str)> = QUALIFIERS
            .iter()
            .map(|&(p, n)| (p.split(' ').collect(), n))
            .collect();
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        v
    });
    &Q
}

/// Measure of one lowercase word, from [`MEASURES`].
pub(crate) fn measure_of(word: &str) -> Option<&'static str> {
    if let Some(&(_, m)) = EXACT_MEASURES.iter().find(|(w, _)| *w == word) {
        return (!m.is_empty()).then_some(m);
    }
    // Every prefix has at least three characters except a few short ones, which the set
    // holds whole; a word whose head is in neither cannot match.
    if !MEASURE_HEADS.contains(head3(word)) {
        return None;
    }
    MEASURES
        .iter()
        .find(|(p, _)| word.starts_with(p))
        .and_then(|&(_, m)| (!m.is_empty()).then_some(m))
}

fn is_people_noun(word: &str) -> bool {
    PEOPLE_NOUNS.iter().any(|p| word.starts_with(p))
}

/// Scanner state shared by the figure finders.
struct Scan<'a> {
    text: &'a str,
    lang: &'a str,
    toks: &'a [Tok],
    lower: Vec<String>,
    stop: Vec<bool>,
}

impl Scan<'_> {
    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Measure of one lowercase word in the text's language: [`measure_of`], less the words
    /// that are casualty words in one language and common words in others (Swedish "dog"
    /// is English "dog", German "die" is an article).
    fn measure(&self, word: &str) -> Option<&'static str> {
        if matches!(word, "deceased" | "murdering") && self.lang == "en" {
            return Some("killed");
        }
        let m = measure_of(word)?;
        let langs: &[&str] = match word {
            "dog" => &["sv", "da", "no", "nb", "nn"],
            "tot" | "tote" | "toten" => &["de"],
            "mort" | "morts" | "morte" | "mortes" | "morti" | "morto" | "muore" => {
                &["fr", "it", "pt", "ca", "ro"]
            }
            "die" if matches!(self.lang, "de" | "nl" | "af") => return None,
            _ => return Some(m),
        };
        langs.contains(&self.lang).then_some(m)
    }
}

/// Finds the figures of `text` (already tokenized into `toks`), in text order.
pub fn find_figures(text: &str, toks: &[Tok], lang: &str) -> Vec<Figure> {
    find_all(text, toks, lang).0
}

/// Finds figures and the casualty summary in one pass.
pub fn find_all(text: &str, toks: &[Tok], lang: &str) -> (Vec<Figure>, Casualties) {
    let lower = crate::text::lower_words(text, toks);
    let stop: Vec<bool> = toks
        .iter()
        .map(|t| match t.kind {
            TokKind::Newline => true,
            TokKind::Punct => {
                let s = t.text(text);
                (s == "." || s == "!" || s == "?" || s == "…") && is_sentence_stop(text, t.start)
            }
            _ => false,
        })
        .collect();
    let sc = Scan {
        text,
        lang,
        toks,
        lower,
        stop,
    };
    let mut figures = Vec::new();
    let mut used_measure_toks: Vec<usize> = Vec::new();
    // The last figure's final token and measure, when its verb comes before its number.
    let mut prev: Option<(usize, &'static str)> = None;
    // The last number that made no figure of its own: "two" in "two of the four victims died".
    let mut bare: Option<(FigureValue, usize, usize)> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some((value, first, last)) = number_at(&sc, i, lang) else {
            i += 1;
            continue;
        };
        i = last + 1;
        let part = bare
            .take()
            .filter(|(_, _, bl)| part_of_next(&sc, *bl, first));
        // "killed 13 soldiers and at least 169 civilians": the second figure inherits the
        // verb of the first when they are coordinated in one clause. Only a verb before the
        // first number governs both: in "Fourteen people were injured and more than 300
        // passengers spent the night" the second number starts a clause of its own.
        let inherit = prev.and_then(|(pl, m): (usize, &'static str)| {
            let gap = first.saturating_sub(pl + 1);
            let joined = (pl + 1..first)
                .any(|k| CONJUNCTIONS.contains(&sc.word(k)) && sc.word(k) != "while");
            let stopped = (pl + 1..first).any(|k| sc.stop[k]);
            (gap <= 8 && joined && !stopped).then_some(m)
        });
        let whole = value.clone();
        if let Some((mut fig, mtok)) = build_figure(&sc, value, first, last) {
            if let Some(m) = mtok {
                used_measure_toks.push(m);
            }
            // "Two of the four shooting victims had died": the verb tells of the part.
            if let (Some((pv, pf, _)), Some(m)) = (part, mtok)
                && m > last
                && matches!(fig.measure, "killed" | "injured")
                && finite_verb(&sc, m)
                && pv
                    .as_count()
                    .zip(whole.as_count())
                    .is_some_and(|(a, b)| a < b)
            {
                fig.value = pv;
                fig.span.0 = sc.toks[pf].start;
            }
            let mut verb_first = mtok.is_some_and(|m| m < first);
            if fig.measure == "people"
                && let Some(m) = inherit
            {
                fig.measure = m;
                verb_first = true;
            }
            prev = (verb_first
                && matches!(
                    fig.measure,
                    "killed" | "injured" | "shot" | "hostages" | "arrested"
                ))
            .then_some((last, fig.measure));
            figures.push(fig);
        } else {
            prev = None;
            bare = Some((whole, first, last));
        }
    }
    // A verb before the number ("killed 13") comes before earlier numbers' nouns: sort for
    // the binary search in `summarise`.
    used_measure_toks.sort_unstable();
    let casualties = summarise(&sc, &figures, &used_measure_toks);
    (figures, casualties)
}

/// Whether only "of" (and a determiner) stands between a number ending at token `last` and the
/// number starting at token `next`: "two of the four", "three of those five".
fn part_of_next(sc: &Scan, last: usize, next: usize) -> bool {
    sc.word(last + 1) == "of"
        && (next == last + 2
            || (next == last + 3 && matches!(sc.word(last + 2), "the" | "those" | "these")))
}

/// Whether the casualty word at token `m` is a finite verb ("died", "had died", "were
/// killed") rather than a participle that describes a noun ("the two men killed Saturday").
fn finite_verb(sc: &Scan, m: usize) -> bool {
    matches!(sc.word(m), "died" | "die" | "dies")
        || (m > 0
            && matches!(
                sc.word(m - 1),
                "had" | "have" | "has" | "were" | "was" | "are" | "is" | "been"
            ))
}

/// A number starting at token `i`: (value, first token, last token).
fn number_at(sc: &Scan, i: usize, lang: &str) -> Option<(FigureValue, usize, usize)> {
    let tok = sc.toks.get(i)?;
    match tok.kind {
        TokKind::Number => {
            // Part of a word ("COVID-19", "F16") or a time/date ("1:15", "2/3"): not a figure.
            if i > 0
                && sc.toks[i - 1].end == tok.start
                && matches!(sc.toks[i - 1].kind, TokKind::Word)
            {
                return None;
            }
            // "AR-15", "I-95", "MH-17": a model or road name joined by a hyphen.
            if i > 1
                && sc.raw(i - 1) == "-"
                && sc.toks[i - 1].end == tok.start
                && sc.toks[i - 2].end == sc.toks[i - 1].start
                && sc.toks[i - 2].kind == TokKind::Word
            {
                return None;
            }
            // "108,780": the tail of a number whose head was taken for something else.
            if i > 1
                && matches!(sc.raw(i - 1), "," | ".")
                && sc.toks[i - 1].start == sc.toks[i - 2].end
                && sc.toks[i - 1].end == tok.start
                && sc.toks[i - 2].kind == TokKind::Number
            {
                return None;
            }
            if is_age_or_date(sc, i) {
                return None;
            }
            // "CBS 58", "WBTV 3": a station or a product, not a count.
            if i > 0 && sc.toks[i - 1].kind == TokKind::Word && {
                let p = sc.raw(i - 1);
                p.chars().count() >= 2 && p.chars().all(|c| c.is_uppercase())
            } {
                return None;
            }
            let (mut v, end) = parse_digits(sc.text, tok.start, lang)?;
            let n1 = sc.word(
                sc.toks[i..]
                    .iter()
                    .position(|t| t.end > end)
                    .map_or(i, |p| i + p),
            );
            let counted_next = is_people_noun(n1) || sc.measure(n1).is_some();
            if i >= 2 && sc.raw(i - 1) == ":" && sc.toks[i - 2].kind == TokKind::Number {
                return None; // "5:38"
            }
            if TIME_UNITS.contains(&n1) || UNCOUNTED.contains(&n1) {
                return None; // "17 year old", "50 years in prison", "shot 3 times"
            }
            if (1900.0..=2100.0).contains(&v) && end - tok.start == 4 && !is_people_noun(n1) {
                return None; // a year
            }
            if i > 0 && sc.word(i - 1) == "the" && !counted_next {
                return None; // "the 700 block"
            }
            let mut last = i;
            while sc.toks.get(last + 1).is_some_and(|t| t.end <= end) {
                last += 1;
            }
            let next = sc.toks.get(last + 1);
            if let Some(n) = next
                && n.start == end
                && matches!(
                    n.text(sc.text),
                    ":" | "/" | "-" | "." | "," | "th" | "st" | "nd" | "rd"
                )
            {
                let after = sc.toks.get(last + 2);
                // "1:15", "20-year-old", "3/4": a time, an age, a fraction, an ordinal.
                let sep = n.text(sc.text);
                if matches!(sep, ":" | "/" | "-")
                    || (matches!(sep, "." | ",")
                        && after.is_some_and(|a| a.start == n.end && a.kind == TokKind::Number))
                {
                    return None;
                }
            }
            if let Some(n) = next
                && n.kind == TokKind::Word
                && n.start == end
            {
                let w = sc.word(last + 1);
                if !(w.starts_with('k') || w.starts_with('m') || w == "bn") {
                    return None; // "2nd", "3rd", "1990s"
                }
            }
            // A scale word after the digits: "1,5 mln", "2 million", "3 tys.".
            if let Some(&(sv, 2)) = NUMBERS.get(sc.word(last + 1)) {
                v *= sv as f64;
                last += 1;
            }
            Some((FigureValue::Number(v), i, last))
        }
        TokKind::Word => {
            let w = sc.word(i);
            if VAGUE_WORDS.contains(&w) {
                let mut last = i;
                if sc.word(i + 1) == "of" && VAGUE_WORDS.contains(&sc.word(i + 2)) {
                    last = i + 2; // "tens of thousands"
                } else if let Some(&(_, 2)) = NUMBERS.get(sc.word(i + 1)) {
                    last = i + 1; // "several thousand"
                } else if matches!(
                    w,
                    "several"
                        | "flera"
                        | "mehrere"
                        | "plusieurs"
                        | "varios"
                        | "varias"
                        | "diversi"
                        | "kilka"
                        | "несколько"
                ) {
                    // Alone, "several" is only a figure before a counted noun.
                    let n = sc.word(i + 1);
                    if !(is_people_noun(n) || sc.measure(n).is_some()) {
                        return None;
                    }
                }
                let s = sc.toks[i].start;
                let e = sc.toks[last].end;
                return Some((
                    FigureValue::Vague(sc.text.get(s..e)?.to_lowercase()),
                    i,
                    last,
                ));
            }
            let (v, k) = word_number(w)?;
            if v == 0 {
                return None;
            }
            // "Armoni Sexton": a capitalised number word after a name is part of the name.
            let raw = sc.raw(i);
            if crate::text::is_capitalised(raw)
                && i > 0
                && sc.toks[i - 1].kind == TokKind::Word
                && crate::text::is_capitalised(sc.raw(i - 1))
                && !is_people_noun(sc.word(i + 1))
                && sc.measure(sc.word(i + 1)).is_none()
            {
                return None;
            }
            // "a three-year-old", "a six": an age or a name, not a count; "no one". Not where
            // "a" is a conjunction or a preposition ("Dwie osoby zginęły, a czternaście…").
            let article_a = !matches!(sc.lang, "pl" | "cs" | "sk" | "it" | "pt" | "es" | "ro");
            if k == 0
                && i > 0
                && (matches!(sc.word(i - 1), "an" | "no") || (article_a && sc.word(i - 1) == "a"))
            {
                return None;
            }
            let (mut total, mut current) = (0u64, 0u64);
            accumulate(&mut total, &mut current, v, k);
            let mut last = i;
            let mut words = 1;
            let mut j = i + 1;
            while j < sc.toks.len() && words < 8 {
                let t = sc.toks[j];
                if t.kind == TokKind::Punct && sc.raw(j) == "-" && t.start == sc.toks[j - 1].end {
                    j += 1;
                    continue;
                }
                if t.kind != TokKind::Word {
                    break;
                }
                let w2 = sc.word(j);
                if w2 == "and"
                    && sc.toks.get(j + 1).is_some()
                    && word_number(sc.word(j + 1)).is_some()
                    && current >= 100
                {
                    j += 1;
                    continue;
                }
                match word_number(w2) {
                    Some((v2, k2)) if v2 > 0 && !WEAK_NUMBER_WORDS.contains(&w2) => {
                        accumulate(&mut total, &mut current, v2, k2);
                        last = j;
                        words += 1;
                        j += 1;
                    }
                    _ => break,
                }
            }
            let value = total + current;
            // "three-year-old", "four days": an age or a duration.
            let mut nx = last + 1;
            if sc.raw(nx) == "-" {
                nx += 1;
            }
            if TIME_UNITS.contains(&sc.word(nx)) || UNCOUNTED.contains(&sc.word(nx)) {
                return None;
            }
            if last == i && (WEAK_NUMBER_WORDS.contains(&w) || k == 2) {
                // "en", "ein", "un", "sex", a bare "thousand": a number only right before a
                // counted noun.
                let n = sc.word(i + 1);
                if !(is_people_noun(n) || sc.measure(n).is_some_and(|m| m != "shot")) || k == 2 {
                    return None;
                }
            }
            if w == "one"
                && last == i
                && matches!(
                    sc.word(i + 1),
                    "of" | "another" | "day" | "time" | "thing" | "way"
                )
            {
                return None;
            }
            Some((FigureValue::Number(value as f64), i, last))
        }
        _ => None,
    }
}

/// Things a casualty report counts besides people: a number before one counts shots, wounds
/// or repetitions ("shot three times", "one gunshot wound", "five rounds"), not victims.
const UNCOUNTED: &[&str] = &[
    "times", "time", "shots", "rounds", "round", "bullets", "bullet", "gunshot", "gunshots",
    "stab", "casings", "shell", "holes", "mal", "gånger", "razy", "fois", "veces", "volte", "раз",
];

/// Units of time: a number before one is a duration or an age, not a count of people.
const TIME_UNITS: &[&str] = &[
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "år",
    "månader",
    "dagar",
    "timmar",
    "lat",
    "lata",
    "latek",
    "miesięcy",
    "dni",
    "godzin",
    "jahre",
    "jahren",
    "monate",
    "tage",
    "stunden",
    "ans",
    "mois",
    "jours",
    "heures",
    "años",
    "meses",
    "días",
    "horas",
    "anni",
    "mesi",
    "giorni",
    "ore",
    "лет",
    "года",
    "год",
    "месяцев",
    "дней",
    "часов",
    "am",
    "pm",
    "a",
    "p",
];

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "januari",
    "februari",
    "mars",
    "juni",
    "juli",
    "augusti",
    "oktober",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "januar",
    "februar",
    "märz",
    "mai",
    "dezember",
    "janvier",
    "février",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A digit token that is an age after a name ("Joshua Childs, 23,", "Smith (23)") or a day of
/// a date ("Dec. 25", "25 marca").
fn is_age_or_date(sc: &Scan, i: usize) -> bool {
    let prev = |n: usize| i.checked_sub(n).map_or("", |k| sc.raw(k));
    let next = sc.raw(i + 1);
    let name_before =
        i >= 2 && sc.toks[i - 2].kind == TokKind::Word && crate::text::is_capitalised(prev(2));
    let word_before = i >= 2 && sc.toks[i - 2].kind == TokKind::Word;
    let small = sc.raw(i).len() <= 3;
    // Not "evening, 108,780 deer": a digit group after the comma continues the number.
    let grouped = matches!(next, "," | ".")
        && sc
            .toks
            .get(i + 2)
            .is_some_and(|t| t.kind == TokKind::Number && t.start == sc.toks[i + 1].end)
        && sc.toks[i + 1].start == sc.toks[i].end;
    if prev(1) == ","
        && !grouped
        && (name_before || (word_before && small))
        && matches!(next, "," | "." | ")" | ";" | "" | "\n" | "and")
    {
        return true;
    }
    if prev(1) == "(" && next == ")" && name_before {
        return true;
    }
    let mut k = i;
    if prev(1) == "." {
        k = i.saturating_sub(1);
    }
    let w = k.checked_sub(1).map_or("", |p| sc.word(p));
    if MONTHS.contains(&w) {
        return true;
    }
    MONTHS.contains(&sc.word(i + 1))
}

fn is_number_tok(sc: &Scan, j: usize) -> bool {
    match sc.toks.get(j).map(|t| t.kind) {
        Some(TokKind::Number) => true,
        Some(TokKind::Word) => {
            let w = sc.word(j);
            !WEAK_NUMBER_WORDS.contains(&w) && (NUMBERS.contains_key(w) || VAGUE_WORDS.contains(&w))
        }
        _ => false,
    }
}

/// Builds the figure for a number at tokens `first..=last`: finds what it counts, its
/// qualifier and its span. Returns the figure and the token of the measure word.
fn build_figure(
    sc: &Scan,
    value: FigureValue,
    first: usize,
    last: usize,
) -> Option<(Figure, Option<usize>)> {
    let mut span_start = sc.toks[first].start;
    let mut span_end = sc.toks[last].end;
    // Money and percent: symbols right before or right after. Such a figure is whole: its span
    // runs from its qualifier (found before `qualified_at`) to `end`, and it measures `measure`.
    let unit_figure = |measure: &'static str, qualified_at: usize, start: usize, end: usize| {
        let q = qualifier_before(sc, qualified_at);
        Some((
            Figure {
                value: value.clone(),
                qualifier: q.map(|(n, _)| n),
                measure,
                about: None,
                span: (q.map_or(start, |(_, qs)| qs), end),
            },
            None,
        ))
    };
    let prev = first.checked_sub(1).map(|p| (p, sc.raw(p)));
    let next_raw = sc.raw(last + 1).to_lowercase();
    if let Some((p, r)) = prev
        && MONEY_WORDS.contains(&r)
        && sc.toks[p].end == sc.toks[first].start
    {
        return unit_figure("money", p, sc.toks[p].start, span_end);
    }
    if PERCENT_WORDS
        .iter()
        .any(|w| !w.is_empty() && *w != "per" && next_raw.starts_with(w))
        || (next_raw == "per" && sc.word(last + 2) == "cent")
    {
        let unit = if next_raw == "per" {
            last + 2
        } else {
            last + 1
        };
        return unit_figure("percent", first, span_start, sc.toks[unit].end);
    }
    if MONEY_WORDS
        .iter()
        .any(|w| w.len() > 1 && next_raw.starts_with(w))
    {
        return unit_figure("money", first, span_start, sc.toks[last + 1].end);
    }
    // Forward: what follows the number, up to the end of the clause.
    let verb_before = first > 0 && sc.measure(sc.word(first - 1)).is_some();
    let mut people: Option<usize> = None;
    let mut specific: Option<(usize, &'static str)> = None;
    let mut words = 0;
    let mut j = last + 1;
    while j < sc.toks.len() && j < last + 40 && words < 8 {
        if sc.stop[j] || is_number_tok(sc, j) {
            break;
        }
        let t = sc.toks[j];
        if t.kind == TokKind::Punct {
            let r = sc.raw(j);
            // "Four people, including an 11-year-old, were shot": an appositive after the
            // counted noun is skipped up to the comma before the verb.
            if r == ","
                && people.is_some()
                && let Some(q) = appositive_end(sc, j)
            {
                j = q + 1;
                continue;
            }
            // "Injures 4, Killing 1": a comma ends the counted phrase.
            if matches!(
                r,
                ";" | ":" | "(" | ")" | "–" | "—" | "\"" | "“" | "”" | ","
            ) {
                break;
            }
            j += 1;
            continue;
        }
        words += 1;
        let w = sc.word(j);
        if CONJUNCTIONS.contains(&w) {
            break;
        }
        // "Two men charged after a girl was shot": a clause of its own.
        if matches!(
            w,
            "after" | "before" | "since" | "because" | "following" | "until"
        ) {
            break;
        }
        // A relative pronoun of another language that is a casualty word in this one (German
        // "die", English "2 die in crash") does not end the clause.
        if people.is_none() && RELATIVES.contains(&w) && sc.measure(w).is_none() {
            break;
        }
        // "one in a dead man's phone", "arrest 2 in fatal shooting": past a preposition the
        // words tell of something else.
        if (words > 1 || sc.word(j + 1) == "a" || verb_before) && PREPOSITIONS.contains(&w) {
            break;
        }
        if let Some(m) = sc.measure(w).or_else(|| struck_by_gunfire(sc, j)) {
            // Nouns ("death", "killings", "fatal") only right after the number.
            if words > 2 && NOMINAL.iter().any(|p| w.starts_with(p)) {
                break;
            }
            specific = Some((j, m));
            break;
        }
        if people.is_none() && is_people_noun(w) {
            people = Some(j);
        }
        j += 1;
    }
    // Backward: a verb before the number ("killed 13", "killing 115", "dödade 13").
    let q = qualifier_before(sc, first);
    let before = q.map_or(first, |(_, qs)| sc.toks.partition_point(|t| t.start < qs));
    let mut back: Option<(usize, &'static str)> = None;
    if specific.is_none_or(|(_, m)| matches!(m, "fighters" | "attackers")) {
        let mut k = before;
        let mut n = 0;
        let floor = k.saturating_sub(12);
        while k > floor && n < 3 {
            k -= 1;
            if sc.stop[k] {
                break;
            }
            if sc.toks[k].kind != TokKind::Word {
                if matches!(
                    sc.raw(k),
                    "," | ";" | ":" | "(" | ")" | "–" | "—" | "-" | "."
                ) {
                    break;
                }
                continue;
            }
            n += 1;
            if CONJUNCTIONS.contains(&sc.word(k)) {
                break; // "one killed and three": "three" does not take "killed"
            }
            // "killed at 2806 Main Street", "wounded on 12 May": a place or a time.
            if matches!(
                sc.word(k),
                "at" | "on" | "in" | "near" | "since" | "after" | "before" | "until" | "during"
            ) {
                break;
            }
            if let Some(m) = sc.measure(sc.word(k))
                && m != "fighters"
                && m != "attackers"
            {
                back = Some((k, m));
                break;
            }
        }
    }
    // "killed 13 soldiers": the verb right before wins over the counted noun.
    let specific = match (specific, back) {
        (Some((_, "fighters" | "attackers")), Some(_)) => None,
        (s, _) => s,
    };
    let (measure, mtok) = match (specific, back, people) {
        (Some((j, "shot")), _, _) => {
            // "two girls shot and killed", "were shot dead", "fatally shot": killed.
            span_end = sc.toks[j].end;
            let mut m = "shot";
            let mut k = j + 1;
            let mut n = 0;
            while k < sc.toks.len()
                && n < 3
                && !sc.stop[k]
                && !is_number_tok(sc, k)
                && !(sc.raw(k) == "," && is_number_tok(sc, k + 1))
            {
                if sc.toks[k].kind == TokKind::Word {
                    n += 1;
                    match sc.measure(sc.word(k)) {
                        Some("killed") => {
                            m = "killed";
                            span_end = sc.toks[k].end;
                            break;
                        }
                        Some("injured") => {
                            m = "injured";
                            span_end = sc.toks[k].end;
                            break;
                        }
                        _ if !matches!(sc.word(k), "and" | "to" | "or") => break,
                        _ => {}
                    }
                }
                k += 1;
            }
            if j > 0 && sc.word(j - 1) == "fatally" {
                m = "killed";
            }
            (m, Some(j))
        }
        (Some((j, m)), _, _) => {
            span_end = sc.toks[j].end;
            (m, Some(j))
        }
        (None, Some((k, m)), p) => {
            span_start = sc.toks[k].start;
            if let Some(p) = p {
                span_end = sc.toks[p].end;
            }
            (m, Some(k))
        }
        (None, None, Some(p)) => {
            span_end = sc.toks[p].end;
            ("people", None)
        }
        (None, None, None) => return None,
    };
    if let Some((_, qs)) = q
        && qs < span_start
    {
        span_start = qs;
    }
    let about = about_phrase(sc, last + 1);
    // "Four of the injured", "among the dead were two children": a part of a larger count.
    let qualifier = if partitive(sc, last, before) {
        Some(PART_OF)
    } else {
        q.map(|(n, _)| n)
    };
    Some((
        Figure {
            value,
            qualifier,
            measure,
            about,
            span: (span_start, span_end),
        },
        mtok,
    ))
}

/// The closing comma of an appositive opened by the comma at token `open` ("…, including an
/// 11-year-old, were shot"; "…, an 18-year-old woman and two men, ages 21 and 22, were
/// treated"): the last comma within a short window that a verb or a measure word follows.
fn appositive_end(sc: &Scan, open: usize) -> Option<usize> {
    let mut q = open + 1;
    let mut found = None;
    while q < sc.toks.len() && q < open + 25 {
        if sc.stop[q] || matches!(sc.raw(q), ";" | ":" | "(" | "–" | "—") {
            break;
        }
        if sc.raw(q) == "," {
            let w = sc.word(q + 1);
            if matches!(
                w,
                "were" | "was" | "are" | "is" | "have" | "has" | "had" | "remain" | "remained"
            ) || sc.measure(w).is_some()
            {
                found = Some(q);
                break;
            }
        }
        q += 1;
    }
    found
}

/// The qualifier phrase ending right before token `first`: (normalised, start byte).
fn qualifier_before(sc: &Scan, first: usize) -> Option<(&'static str, usize)> {
    // The up to three words before, skipping a trailing "." of "ok." / "ca.".
    let mut idx: Vec<usize> = Vec::with_capacity(3);
    let mut k = first;
    let floor = k.saturating_sub(8);
    while k > floor && idx.len() < 3 {
        k -= 1;
        let t = sc.toks[k];
        if t.kind == TokKind::Word {
            idx.push(k);
        } else if t.kind == TokKind::Punct
            && (sc.raw(k) == "." || sc.raw(k) == "'" || sc.raw(k) == "’")
            && idx.is_empty()
        {
            continue;
        } else {
            break;
        }
    }
    for (words, norm) in qualifier_phrases() {
        if words.len() > idx.len() {
            continue;
        }
        let ok = words
            .iter()
            .rev()
            .enumerate()
            .all(|(n, w)| sc.word(idx[n]) == *w);
        if ok {
            let start_tok = idx[words.len() - 1];
            return Some((norm, sc.toks[start_tok].start));
        }
    }
    None
}

/// A place phrase after the figure: "in|near|at|w|i|bei|à|en + Capitalised words".
fn about_phrase(sc: &Scan, from: usize) -> Option<(usize, usize)> {
    let mut j = from;
    let mut n = 0;
    let cap = from + 30;
    while j < sc.toks.len() && j < cap && n < 12 {
        if sc.stop[j] {
            return None;
        }
        if sc.toks[j].kind == TokKind::Word {
            n += 1;
            let w = sc.word(j);
            if matches!(
                w,
                "in" | "near"
                    | "at"
                    | "w"
                    | "pod"
                    | "i"
                    | "vid"
                    | "bei"
                    | "nahe"
                    | "à"
                    | "près"
                    | "en"
                    | "cerca"
                    | "a"
                    | "presso"
                    | "в"
                    | "под"
            ) && sc.toks.get(j + 1).is_some_and(|t| {
                t.kind == TokKind::Word && crate::text::is_capitalised(t.text(sc.text))
            }) {
                let mut e = j + 1;
                while sc.toks.get(e + 1).is_some_and(|t| {
                    t.kind == TokKind::Word && crate::text::is_capitalised(t.text(sc.text))
                }) && e < j + 4
                {
                    e += 1;
                }
                return Some((sc.toks[j].start, sc.toks[e].end));
            }
        }
        j += 1;
    }
    None
}

/// The qualifier of a figure that counts part of a larger group ("four of the injured").
pub const PART_OF: &str = "part of";

/// "of" before the group a partitive number is part of ("four of the injured", "fyra av de
/// skadade", "vier der Verletzten", "quatre des blessés", "cuatro de los heridos", "quattro
/// dei feriti", "czterech z rannych", "четверо из раненых").
const PARTITIVE_OF: &[&str] = &[
    "of",
    "av",
    "blant",
    "von",
    "der",
    "des",
    "de",
    "dei",
    "degli",
    "delle",
    "tra",
    "fra",
    "z",
    "ze",
    "spośród",
    "из",
];

/// "among" before the group, anywhere before the number ("among the injured were four").
const AMONG: &[&str] = &[
    "among",
    "amongst",
    "bland",
    "blant",
    "blandt",
    "unter",
    "parmi",
    "entre",
    "tra",
    "fra",
    "wśród",
    "spośród",
    "среди",
];

/// Determiners between "of"/"among" and the group.
const GROUP_DETERMINERS: &[&str] = &[
    "the", "those", "these", "de", "dem", "den", "die", "der", "les", "ces", "los", "las", "i",
    "gli", "le",
];

/// Copulas between the group and the number ("among the injured were four").
const COPULAS: &[&str] = &[
    "were", "are", "was", "is", "var", "är", "er", "jest", "są", "był", "byli", "sind", "waren",
    "sont", "étaient", "están", "estaban", "son", "eran", "sono", "erano", "были", "есть",
];

/// Whether the number at tokens `first..=last` (its qualifier starts at token `before`)
/// counts part of a group that a measure word names: "four of the injured", "two of the
/// victims", "Wśród poszkodowanych jest czterech", "Of the fourteen injured, two remain in
/// hospital". "Two of them were killed" is not: the group is not the measure.
fn partitive(sc: &Scan, last: usize, before: usize) -> bool {
    let group_word = |w: &str| sc.measure(w).is_some() || is_people_noun(w);
    // Forward: "four of the injured".
    let mut k = last + 1;
    if k < sc.toks.len() && PARTITIVE_OF.contains(&sc.word(k)) {
        // "des", "dei", "der" hold their article; Slavic languages have none.
        let bare = matches!(sc.lang, "pl" | "ru" | "uk" | "cs")
            || matches!(sc.word(k), "des" | "dei" | "degli" | "delle" | "der");
        k += 1;
        if GROUP_DETERMINERS.contains(&sc.word(k)) {
            k += 1;
        } else if !bare {
            k = usize::MAX;
        }
        if k < sc.toks.len() && sc.toks[k].kind == TokKind::Word && group_word(sc.word(k)) {
            return true;
        }
    }
    // Backward: "among the injured were four", "Of the fourteen injured, two".
    let mut k = before;
    let mut seen_group = false;
    let mut others = 0;
    let floor = before.saturating_sub(10);
    while k > floor {
        k -= 1;
        if sc.stop[k] {
            return false;
        }
        let t = sc.toks[k];
        if t.kind != TokKind::Word {
            if sc.raw(k) == "," {
                continue;
            }
            return false;
        }
        let w = sc.word(k);
        let sentence_start = k == 0 || sc.stop[k - 1];
        if AMONG.contains(&w) || (sentence_start && PARTITIVE_OF.contains(&w)) {
            return seen_group;
        }
        if group_word(w) {
            seen_group = true;
        } else if !(GROUP_DETERMINERS.contains(&w) || COPULAS.contains(&w) || is_number_tok(sc, k))
        {
            others += 1;
            if others > 1 {
                return false;
            }
        }
    }
    false
}

/// Measure words that are nouns: they count the number only when close to it.
const NOMINAL: &[&str] = &[
    "death", "killing", "fatal", "homicide", "murder", "śmierć", "tod",
];

/// Relative pronouns and prepositions: past one of them (before a counted noun) the clause is
/// about something else ("7 shooting that killed", "2015 in which 4 died").
const RELATIVES: &[&str] = &[
    "that",
    "which",
    "who",
    "whose",
    "where",
    "when",
    "som",
    "där",
    "który",
    "która",
    "które",
    "którzy",
    "der",
    "die",
    "das",
    "welche",
    "qui",
    "que",
    "dont",
    "quien",
    "cui",
    "che",
    "который",
    "которые",
    "for",
    "after",
    "before",
    "since",
    "from",
    "during",
    "because",
];

/// Prepositions that end the forward search ("three people were involved in the killing").
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "by", "with", "to", "into", "near", "i", "på", "vid", "med", "w", "na",
    "przy", "z", "im", "am", "bei", "mit", "dans", "à", "avec", "en", "con", "nel", "в", "на",
];

/// Singular victims: "a man was killed", "he died", "killing a woman".
const SINGULAR: &[&str] = &[
    "was",
    "is",
    "has",
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "person",
    "victim",
    "child",
    "baby",
    "toddler",
    "student",
    "officer",
    "deputy",
    "driver",
    "resident",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "he",
    "she",
    "himself",
    "herself",
    "one",
    "infant",
    "male",
    "female",
    "someone",
    "individual",
    "a",
    "an",
    "another",
    "old",
    "self",
    "second",
    "third",
    "fourth",
    "fifth",
];
const PLURAL: &[&str] = &[
    "were",
    "are",
    "have",
    "people",
    "men",
    "women",
    "others",
    "they",
    "victims",
    "both",
    "children",
    "two",
    "three",
    "four",
    "five",
    "six",
    "persons",
    "many",
    "several",
    "dozens",
    "nobody",
    "no",
    "none",
    "not",
    "teens",
    "boys",
    "girls",
    "officers",
    "themselves",
    "if",
    "would",
    "could",
];

fn summarise(sc: &Scan, figures: &[Figure], used: &[usize]) -> Casualties {
    // Candidates per measure in text order: (position, value).
    let mut killed: Vec<(usize, u64)> = Vec::new();
    let mut injured: Vec<(usize, u64)> = Vec::new();
    let mut shot: Vec<(usize, u64)> = Vec::new();
    let (mut part_killed, mut part_injured, mut part_shot) = (Vec::new(), Vec::new(), Vec::new());
    // The killed figures that are the objects of a killer's verb ("killed two children"):
    // a killer who then took their own life is one more dead.
    let mut killed_objects: Vec<u64> = Vec::new();
    for f in figures {
        let Some(v) = f.value.as_count() else {
            continue;
        };
        if v == 0 || v > 10_000 {
            continue;
        }
        if several_incidents(sc, f.span) || escaped(sc, f.span) {
            continue;
        }
        if f.measure == "killed" {
            let first = sc.toks.partition_point(|t| t.start < f.span.0);
            let w = sc.word(first);
            if (w.starts_with("kill") || w == "fatally" || w == "shot")
                && !is_number_tok(sc, first)
                && killer_died(sc, first)
            {
                killed_objects.push(v);
            }
        }
        // A part ("four of the injured") stands for the whole only when no whole is given.
        let (k, i, s) = if f.qualifier == Some(PART_OF) {
            (&mut part_killed, &mut part_injured, &mut part_shot)
        } else {
            (&mut killed, &mut injured, &mut shot)
        };
        match f.measure {
            "killed" => k.push((f.span.0, v)),
            "injured" => i.push((f.span.0, v)),
            // "Four others were shot" beside the dead: the others lived.
            "shot" if others_shot(sc, f.span) => i.push((f.span.0, v)),
            "shot" => s.push((f.span.0, v)),
            _ => {}
        }
    }
    for (whole, part) in [
        (&mut killed, part_killed),
        (&mut injured, part_injured),
        (&mut shot, part_shot),
    ] {
        if whole.is_empty() {
            *whole = part;
        }
    }
    // Whether an implicit injured victim is the object of its own verb.
    let mut injured_object = false;
    // Whether an implicit injured or shot victim is told as someone other than the dead
    // ("another man was wounded", "was also shot and is expected to recover").
    let mut distinct_survivor = false;
    // Whether a death is told as one more ("a woman was also killed").
    let mut second_dead = false;
    // Whether a phrase without a casualty word tells of a victim who lived.
    let mut cue_injured = false;
    // Implicit singular victims.
    for (i, t) in sc.toks.iter().enumerate() {
        if t.kind != TokKind::Word || used.binary_search(&i).is_ok() {
            continue;
        }
        let w0 = sc.word(i);
        let cue = victim_cue(sc, i);
        let m = if w0 == "deadly" && !matches!(sc.word(i + 1), "weapon" | "weapons" | "force") {
            "killed"
        } else if let Some(m) = cue {
            m
        } else {
            let Some(m) = sc.measure(w0) else { continue };
            // "fatally wounding", "mortally wounded": a death, not an injury.
            if m == "injured" && i > 0 && FATALLY.contains(&sc.word(i - 1)) {
                "killed"
            } else {
                m
            }
        };
        if !matches!(m, "killed" | "injured" | "shot")
            || t.start
                > if m == "injured" {
                    IMPLICIT_WINDOW * 2
                } else {
                    IMPLICIT_WINDOW
                }
        {
            continue;
        }
        // "death penalty", "death row", "brain dead", "non-fatal", "life or death": no one
        // died.
        let before = if i > 1 && sc.raw(i - 1) == "-" {
            sc.word(i - 2)
        } else {
            sc.word(i.wrapping_sub(1))
        };
        let before2 = sc.word(i.wrapping_sub(2));
        if w0 == "hurting"
            || matches!(before, "brain" | "non" | "near")
            || (matches!(before, "and" | "or") && before2 == "life")
            || (w0 == "deadly" && sc.word(i + 1) == "conduct")
            || (w0.starts_with("death")
                && matches!(
                    sc.word(i + 1),
                    "penalty" | "row" | "threat" | "threats" | "sentence" | "certificate"
                ))
            || i > 0
                && matches!(
                    sc.word(i - 1),
                    "to" | "would" | "could" | "might" | "will" | "not" | "never"
                )
        {
            continue; // "intent to kill", "could die"
        }
        if m != "injured" && background(sc, i) {
            continue; // "a man was killed on the same block last week"
        }
        // "a mother and her toddler were killed", "killing his wife and son": victims listed
        // without a number.
        if let Some(n) = victim_list(sc, i) {
            let list = match m {
                "killed" => &mut killed,
                "injured" => &mut injured,
                _ => &mut shot,
            };
            // A list after a lone victim is more often another story ("Man and Woman
            // Killed in Crash" under a related link): it then weighs as a lone victim does.
            let after_single = list.iter().any(|&(p, _)| p >= IMPLICIT);
            list.push((
                t.start + if after_single { IMPLICIT } else { IMPLICIT / 2 },
                n,
            ));
            continue;
        }
        let mut singular = false;
        let mut both = false;
        let mut k = i;
        let mut n = 0;
        let floor = k.saturating_sub(16);
        while k > floor && n < 6 {
            k -= 1;
            if sc.stop[k] {
                break;
            }
            if sc.toks[k].kind != TokKind::Word {
                continue;
            }
            n += 1;
            let w = sc.word(k);
            // "was shot several times and died": a count of shots, not of victims.
            if matches!(sc.word(k + 1), "times" | "shots" | "rounds") {
                continue;
            }
            // "He was not seriously injured": injured all the same.
            if w == "not"
                && matches!(
                    sc.word(k + 1),
                    "seriously" | "critically" | "severely" | "badly" | "gravely"
                )
            {
                continue;
            }
            if PLURAL.contains(&w) {
                // "both men were killed", "both died": two.
                both = w == "both" || sc.word(k.wrapping_sub(1)) == "both";
                singular = false;
                break;
            }
            // The nearest marker decides: "they found the girl dead" is one victim.
            if SINGULAR.contains(&w) {
                singular = true;
                break;
            }
            // "… Davienne Lewis died", "Lewis was killed": a name, not sentence-initial.
            if n <= 3
                && crate::text::is_capitalised(sc.raw(k))
                && k > 0
                && !sc.stop[k - 1]
                && sc.toks[k - 1].kind == TokKind::Word
            {
                singular = true;
                break;
            }
        }
        let object;
        {
            // Forward: "killing Chaz Fain", "killed a man", "the death of a 19-year-old".
            let mut j = i + 1;
            // "the fatal shooting of a 1-year-old", "the death of an infant".
            if matches!(
                sc.word(j),
                "shooting" | "shootings" | "stabbing" | "attack" | "wounds" | "wound"
            ) {
                j += 1;
            }
            if sc.word(j) == "of" {
                j += 1;
            }
            let w = sc.word(j);
            let t2 = sc.toks.get(j);
            let age_next = t2.is_some_and(|t| t.kind == TokKind::Number)
                && sc.raw(j + 1) == "-"
                && sc.word(j + 2).starts_with("year");
            let forward = age_next
                || matches!(w, "a" | "an" | "his" | "her" | "another")
                || (t2.is_some_and(|t| {
                    t.kind == TokKind::Word && crate::text::is_capitalised(t.text(sc.text))
                }) && !sc.stop.get(j.saturating_sub(1)).copied().unwrap_or(true)
                    && sc.raw(j - 1) != ","
                    && !PLURAL.contains(&w));
            // A verb with its own victim ("… and wounded a six-year-old"): a person other
            // than the dead.
            // Not "a wounded man" (an adjective) nor "hurt her head" (her own body).
            object = forward
                && j == i + 1
                && (w0.ends_with("ed") || w0.ends_with("ing") || w0 == "hurt")
                && !matches!(sc.word(i.wrapping_sub(1)), "a" | "an" | "the")
                && !BODY_PARTS.contains(&sc.word(j + 1));
            singular |= forward;
        }
        if both && !singular && m == "killed" {
            killed.push((t.start + IMPLICIT / 2, 2));
            continue;
        }
        if !singular {
            continue;
        }
        if m != "killed" && !distinct_survivor && another_survivor(sc, i) {
            distinct_survivor = true;
        }
        // "in critical condition" tells of a victim who may have died since: it counts only
        // where no one is told dead, or when it is told of someone else.
        if cue == Some("injured") {
            cue_injured = true;
            if w0 == "survived" {
                distinct_survivor = true;
            }
            continue;
        }
        if m == "killed" {
            // "killing his son and then taking his own life": the killer is a second dead.
            if object_of_kill(sc, i) && killer_died(sc, i) {
                killed.push((t.start + IMPLICIT / 2, 2));
                continue;
            }
            // "A woman was also killed": a death besides the one told before.
            if t.start <= IMPLICIT_WINDOW
                && (sc.word(i.wrapping_sub(1)) == "also"
                    || (matches!(sc.word(i.wrapping_sub(1)), "was" | "were")
                        && sc.word(i.wrapping_sub(2)) == "also"))
            {
                second_dead = true;
            }
        }
        let list = match m {
            "killed" => &mut killed,
            "injured" => &mut injured,
            _ => &mut shot,
        };
        list.push((t.start + IMPLICIT, 1));
        if object && m == "injured" {
            injured_object = true;
        }
    }
    // "murder-suicide" (victim and shooter), "double homicide", "triple murder".
    for (i, t) in sc.toks.iter().enumerate() {
        if t.kind != TokKind::Word || t.start > IMPLICIT_WINDOW * 2 {
            continue;
        }
        let w = sc.word(i);
        let n = match w {
            "double" => 2,
            "triple" => 3,
            "quadruple" => 4,
            _ if w.starts_with("murder") && sc.raw(i + 1) == "-" && sc.word(i + 2) == "suicide" => {
                2
            }
            _ => 0,
        };
        let next = sc.word(i + 1);
        let m = if w.starts_with("murder")
            || matches!(
                next,
                "homicide" | "homicides" | "murder" | "murders" | "killing"
            ) {
            "killed"
        } else if next == "shooting" {
            "shot"
        } else {
            continue;
        };
        if n > 0 {
            let list = if m == "killed" {
                &mut killed
            } else {
                &mut shot
            };
            list.push((t.start + IMPLICIT / 2, n));
        }
    }
    // The title states the main incident's totals: its figures count twice.
    let title_end = sc.text.find('\n').unwrap_or(0).min(300);
    // A title that counts the wounded and no dead ("Four people shot at bar") tells a
    // non-fatal incident: a death with no number told after the lead is another incident
    // recalled ("… comes after a man was killed there last year").
    let title_nonfatal = killed.iter().all(|&(p, _)| p >= title_end)
        && injured
            .iter()
            .chain(shot.iter())
            .any(|&(p, _)| p < title_end);
    if title_nonfatal {
        killed.retain(|&(p, _)| p < IMPLICIT || p - IMPLICIT <= title_end + LEAD);
    }
    let pick = |v: &mut Vec<(usize, u64)>| -> Option<u64> {
        let title: Vec<(usize, u64)> = v.iter().copied().filter(|&(p, _)| p < title_end).collect();
        v.extend(title);
        v.sort_by_key(|&(p, _)| p);
        choose(v)
    };
    let injured_explicit = injured.iter().any(|&(p, _)| p < IMPLICIT);
    let only_implicit = killed.iter().all(|&(p, _)| p >= IMPLICIT);
    let mut k = pick(&mut killed);
    if k == Some(1) && only_implicit && second_dead {
        k = Some(2);
    }
    if let Some(n) = k
        && killed_objects.contains(&n)
    {
        k = Some(n + 1);
    }
    let mut inj = pick(&mut injured);
    // "died from his injuries": a lone implicit injury next to a death is the same victim,
    // unless the lead tells of a survivor ("is expected to survive", "in stable condition").
    let survivor = survivor_near_start(sc);
    if k.is_some() && !injured_explicit && !injured_object && !survivor {
        inj = None;
    }
    if inj.is_none() && (distinct_survivor || (cue_injured && k.is_none())) {
        inj = Some(1);
    }
    let shot_explicit = shot.iter().any(|&(p, _)| p < IMPLICIT);
    let s = pick(&mut shot);
    // Victims shot and not killed are injured. A lone implicit "was shot" next to a death
    // is usually the person who died.
    if let Some(s) = s
        && (shot_explicit || k.is_none())
    {
        let k0 = k.unwrap_or(0);
        if s > k0 && inj.is_none_or(|i| i < s - k0) {
            inj = Some(s - k0);
        }
    }
    Casualties {
        killed: k,
        injured: inj,
    }
}

/// Whether the title or lead (the first [`IMPLICIT_WINDOW`] bytes, twice) tells of a victim who
/// lived: "survived", "is expected to survive", "is recovering", "in stable condition",
/// "non-fatal wounds".
fn survivor_near_start(sc: &Scan) -> bool {
    sc.toks
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.start <= IMPLICIT_WINDOW * 2)
        .any(|(i, t)| {
            if t.kind != TokKind::Word {
                return false;
            }
            let w = sc.word(i);
            let prev = if i > 0 { sc.word(i - 1) } else { "" };
            let lived = matches!(w, "survived" | "survive" | "recovering")
                && !matches!(prev, "not" | "never" | "didn't" | "t")
                && sc.word(i + 1) != "by"
                || (w == "condition"
                    && matches!(prev, "stable" | "serious" | "critical" | "fair" | "good"))
                || (w == "fatal" && prev == "non")
                || w == "nonfatal";
            // "was in critical condition and later died": not a survivor.
            lived && !death_in_sentence(sc, i)
        })
}

/// Whether the sentence around token `i` (at most 25 tokens each way) tells of a death.
fn death_in_sentence(sc: &Scan, i: usize) -> bool {
    let mut lo = i;
    while lo > 0 && i - lo < 25 && !sc.stop[lo - 1] {
        lo -= 1;
    }
    let mut hi = i;
    while hi + 1 < sc.toks.len() && hi - i < 25 && !sc.stop[hi + 1] {
        hi += 1;
    }
    (lo..=hi).any(|k| {
        let w = sc.word(k);
        k != i
            && sc.measure(w) == Some("killed")
            && !matches!(sc.word(k.wrapping_sub(1)), "non" | "not")
            && !(k > 1 && sc.raw(k - 1) == "-" && sc.word(k - 2) == "non")
    })
}

/// Whether the clause around token `i` tells an earlier incident ("last week", "a year ago",
/// "in a previous shooting"): its victims are background. Looks at most 20 tokens each way,
/// within the sentence.
fn background(sc: &Scan, i: usize) -> bool {
    let lo = {
        let mut k = i;
        while k > 0 && i - k < 20 && !sc.stop[k - 1] {
            k -= 1;
        }
        k
    };
    let mut k = lo;
    while k < sc.toks.len() && k < i + 20 && !sc.stop[k] {
        let w = sc.word(k);
        let this = sc.word(k + 1) == "this";
        if (matches!(w, "ago" | "previous" | "previously" | "prior") || (w == "earlier" && !this))
            || (w == "last"
                && matches!(
                    sc.word(k + 1),
                    "week"
                        | "month"
                        | "year"
                        | "weekend"
                        | "summer"
                        | "spring"
                        | "fall"
                        | "winter"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                ))
        {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether the figure at byte span `span` counts victims of several incidents: its sentence
/// says "in separate shootings", "in two incidents", "in three attacks".
fn several_incidents(sc: &Scan, span: (usize, usize)) -> bool {
    let start = sc.toks.partition_point(|t| t.start < span.0);
    let end = sc.toks.partition_point(|t| t.start < span.1);
    let mut k = start;
    while k > 0 && start - k < 16 && !sc.stop[k - 1] {
        k -= 1;
    }
    let several =
        |k: usize| k > 0 && (is_number_tok(sc, k) || matches!(sc.word(k), "several" | "multiple"));
    while k < sc.toks.len() && k < end + 16 && !sc.stop[k] {
        let w = sc.word(k);
        if w == "separate" {
            return true;
        }
        // "2 dead, 7 hurt in weekend shootings": a tally of several incidents.
        if k >= end
            && matches!(w, "shootings" | "incidents")
            && (k.saturating_sub(4)..k).any(|p| matches!(sc.word(p), "in" | "after"))
        {
            return true;
        }
        // "in two incidents", "in three shooting attacks".
        if k >= end
            && matches!(w, "incidents" | "shootings" | "attacks")
            && (several(k - 1) || (several(k - 2) && sc.toks[k - 1].kind == TokKind::Word))
        {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether the measure word ending the figure at byte span `span` is denied: "escaped
/// serious injury", "without injury", "avoided injuries".
fn escaped(sc: &Scan, span: (usize, usize)) -> bool {
    let end = sc.toks.partition_point(|t| t.start < span.1);
    let last = end.saturating_sub(1);
    (1..=2).any(|n| {
        matches!(
            sc.word(last.wrapping_sub(n)),
            "escaped" | "escaping" | "avoided" | "without" | "spared"
        )
    })
}

/// Whether the sentence of the killing verb at token `verb` goes on to tell that the killer
/// took their own life ("killed his wife and then himself", "kills 3, self", "killed two
/// before taking his own life", "then committed suicide").
fn killer_died(sc: &Scan, verb: usize) -> bool {
    let mut kill_verb_at = verb;
    let mut i = verb + 1;
    while i < sc.toks.len() && i < verb + 30 && !sc.stop[i] {
        let w = sc.word(i);
        if w.starts_with("kill") && !w.starts_with("killer") {
            kill_verb_at = i;
        }
        let reflexive = matches!(w, "himself" | "herself" | "self");
        if reflexive && (i - kill_verb_at <= 12) {
            return true;
        }
        if w == "own" && matches!(sc.word(i + 1), "life") {
            return true;
        }
        if w == "suicide" && matches!(sc.word(i.wrapping_sub(1)), "committed" | "committing") {
            return true;
        }
        i += 1;
    }
    false
}

/// How far past the title the lead runs, in bytes.
const LEAD: usize = 600;

/// Adverbs that make a wound a death ("fatally wounded", "mortally wounding").
const FATALLY: &[&str] = &["fatally", "mortally"];

/// Whether the implicit injured or shot victim at token `i` is told as a person other than
/// the dead: a marker of another person before it in its clause ("another", "also", "a
/// fourth"), or a survival after it ("is expected to recover", "in stable condition",
/// "was treated and released"), and no death in its sentence.
fn another_survivor(sc: &Scan, i: usize) -> bool {
    let mut lo = i;
    while lo > 0 && i - lo < 12 && !sc.stop[lo - 1] {
        lo -= 1;
    }
    let mut hi = i;
    while hi + 1 < sc.toks.len() && hi - i < 14 && !sc.stop[hi + 1] {
        hi += 1;
    }
    // "left a girl dead and her friend injured", "one man was killed and another wounded":
    // a death before "and" in the same sentence is someone else's.
    let mut k = i;
    while k > lo {
        k -= 1;
        if sc.word(k) == "and" {
            let dead_before = (lo..k).any(|d| sc.measure(sc.word(d)) == Some("killed"));
            let dead_between = (k + 1..i).any(|d| sc.measure(sc.word(d)) == Some("killed"));
            // The second clause has a subject of its own ("and her friend injured"), not
            // only the verb ("killed when a gun went off and shot him") or a noun ("and
            // found him with a gunshot wound").
            let subject = (k + 1..i).any(|d| {
                let w = sc.word(d);
                sc.toks[d].kind == TokKind::Word
                    && !w.ends_with("ly")
                    && !matches!(
                        w,
                        "was"
                            | "were"
                            | "is"
                            | "are"
                            | "been"
                            | "has"
                            | "had"
                            | "have"
                            | "then"
                            | "later"
                            | "also"
                            | "being"
                            | "found"
                            | "left"
                    )
            });
            let verb = !matches!(sc.word(i), "wound" | "wounds" | "injury" | "injuries");
            if dead_before && !dead_between && subject && verb {
                return true;
            }
            break;
        }
    }
    let mut marked = false;
    for k in lo..=hi {
        if sc.toks[k].kind != TokKind::Word || k == i {
            continue;
        }
        let w = sc.word(k);
        if sc.measure(w) == Some("killed")
            || matches!(
                w,
                "succumbed" | "lifeless" | "fatally" | "mortally" | "deceased"
            )
        {
            return false;
        }
        marked |= if k < i {
            ANOTHER.contains(&w)
        } else {
            SURVIVED.contains(&w)
                || (w == "condition"
                    && matches!(
                        sc.word(k - 1),
                        "stable" | "serious" | "critical" | "fair" | "good"
                    ))
        };
    }
    marked
}

/// Phrases that tell of a victim without a casualty word: "shoots himself" (shot), "in
/// critical condition", "fighting for her life", "remains in the hospital" (injured).
fn victim_cue(sc: &Scan, i: usize) -> Option<&'static str> {
    let w = sc.word(i);
    let prev = |n: usize| sc.word(i.wrapping_sub(n));
    match w {
        "shoots" if sc.lang == "en" => Some("shot"),
        "struck" => struck_by_gunfire(sc, i),
        // "claimed the life of", "took the life of", "lost his life" (not "his own life").
        "life"
            if matches!(prev(1), "the" | "his" | "her")
                && matches!(
                    prev(2),
                    "claimed" | "claims" | "claiming" | "took" | "takes" | "lost" | "loses"
                ) =>
        {
            Some("killed")
        }
        // "One victim survived": not "is survived by his wife" (an obituary).
        "survived" if sc.word(i + 1) != "by" && !matches!(prev(1), "not" | "never" | "t") => {
            Some("injured")
        }
        "condition"
            if matches!(
                prev(1),
                "critical" | "serious" | "grave" | "stable" | "fair"
            ) =>
        {
            Some("injured")
        }
        "fighting"
            if sc.word(i + 1) == "for"
                && matches!(sc.word(i + 2), "his" | "her" | "their")
                && sc.word(i + 3) == "life" =>
        {
            Some("injured")
        }
        "hospital"
            if prev(1) == "the"
                && prev(2) == "in"
                && matches!(prev(3), "remains" | "remained" | "remain" | "still") =>
        {
            Some("injured")
        }
        _ => None,
    }
}

/// Whether a figure of people shot counts "others" ("four others were shot", "two other
/// people were wounded"): people besides the victims already told of, who survived unless the
/// figure says they died (its measure would then be "killed").
fn others_shot(sc: &Scan, span: (usize, usize)) -> bool {
    let first = sc.toks.partition_point(|t| t.start < span.0);
    let last = sc.toks.partition_point(|t| t.start < span.1);
    (first..last.min(first + 4)).any(|k| matches!(sc.word(k), "others" | "other"))
}

/// "struck by gunfire", "struck by a stray bullet" at token `i` (English): shot.
fn struck_by_gunfire(sc: &Scan, i: usize) -> Option<&'static str> {
    if sc.lang != "en" || sc.word(i) != "struck" || sc.word(i + 1) != "by" {
        return None;
    }
    let mut j = i + 2;
    if matches!(sc.word(j), "a" | "the") {
        j += 1;
    }
    if sc.word(j) == "stray" {
        j += 1;
    }
    matches!(
        sc.word(j),
        "gunfire" | "bullet" | "bullets" | "gunshot" | "gunshots"
    )
    .then_some("shot")
}

/// Whether the killing word at token `i` has one person as its object ("killing his son",
/// "killed a man", "killed 34-year-old Jane Doe").
fn object_of_kill(sc: &Scan, i: usize) -> bool {
    let w0 = sc.word(i);
    if !(w0.starts_with("kill") || w0 == "murdered" || w0 == "murdering")
        || w0.starts_with("killer")
    {
        return false;
    }
    let next = sc.word(i + 1);
    matches!(next, "a" | "an" | "his" | "her")
        || sc
            .toks
            .get(i + 1)
            .is_some_and(|t| t.kind == TokKind::Number)
            && sc.raw(i + 2) == "-"
}

/// Nouns for one person, the heads of victim lists ("a mother and her son"); "couple" is two.
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "child",
    "baby",
    "toddler",
    "infant",
    "mother",
    "father",
    "mom",
    "dad",
    "son",
    "daughter",
    "wife",
    "husband",
    "girlfriend",
    "boyfriend",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "aunt",
    "uncle",
    "nephew",
    "niece",
    "cousin",
    "friend",
    "neighbor",
    "neighbour",
    "officer",
    "deputy",
    "roommate",
    "fiancee",
    "fiancée",
    "fiance",
    "stepfather",
    "stepmother",
    "stepson",
    "stepdaughter",
    "caregiver",
    "couple",
    "bystander",
    "clerk",
    "coworker",
    "co-worker",
    "boss",
    "employee",
    "worker",
    "student",
    "classmate",
    "pastor",
    "customer",
    "guard",
    "patron",
    "relative",
    "she",
    "he",
    "mann",
    "frau",
    "junge",
    "mädchen",
    "kind",
    "mutter",
    "vater",
    "sohn",
    "tochter",
    "kvinna",
    "pojke",
    "flicka",
    "mor",
    "far",
    "dotter",
    "mężczyzna",
    "kobieta",
    "chłopiec",
    "dziewczynka",
    "dziecko",
    "matka",
    "ojciec",
    "syn",
    "córka",
    "homme",
    "femme",
    "garçon",
    "fille",
    "enfant",
    "mère",
    "père",
    "fils",
    "hombre",
    "mujer",
    "niño",
    "niña",
    "madre",
    "padre",
    "hijo",
    "hija",
    "uomo",
    "donna",
    "bambino",
    "bambina",
    "figlio",
    "figlia",
];

/// Words that may stand before a person noun in a victim list: articles, possessives and a
/// few adjectives ("his estranged wife", "a 6-year-old girl", "her young son").
const PERSON_MODIFIERS: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "young",
    "old",
    "elderly",
    "teenage",
    "pregnant",
    "estranged",
    "former",
    "ex",
    "infant",
    "baby",
    "year",
    "month",
    "little",
    "adult",
    "older",
    "younger",
];

/// Conjunctions that join the members of a victim list.
const LIST_AND: &[&str] = &["and", ",", "&", "och", "und", "i", "et", "y", "e", "и"];

/// A list of two or more person nouns that are the victims of the casualty word at token `i`:
/// before it ("Mother, toddler killed", "a man and a woman were shot") or after a verb
/// ("killing his wife and son", "the deaths of a woman and her daughter"). Returns how many.
fn victim_list(sc: &Scan, i: usize) -> Option<u64> {
    let noun = |k: usize| -> u64 {
        if sc.toks.get(k).is_none_or(|t| t.kind != TokKind::Word) {
            return 0;
        }
        match sc.word(k) {
            "couple" => 2,
            w if PERSON_NOUNS.contains(&w) => 1,
            _ => 0,
        }
    };
    let modifier = |k: usize| {
        let t = sc.toks[k];
        t.kind == TokKind::Number || sc.raw(k) == "-" || PERSON_MODIFIERS.contains(&sc.word(k))
    };
    // Backward: skip the auxiliaries between the list and the casualty word.
    let mut k = i;
    let mut skipped = 0;
    while k > 0 && skipped < 4 {
        let w = sc.word(k - 1);
        let auxiliary = matches!(
            w,
            "were" | "was" | "been" | "have" | "are" | "both" | "found" | "later"
        );
        // "were shot and killed": the list is before "shot and".
        let shot_and = matches!(w, "shot" | "and") && sc.measure(sc.word(i)) != Some("shot");
        if sc.stop[k - 1] || !(auxiliary || shot_and) {
            break;
        }
        k -= 1;
        skipped += 1;
    }
    let mut count = 0;
    let mut members = 0;
    let mut at = k;
    while at > 0 && members < 6 {
        let n = noun(at - 1);
        if n == 0 {
            break;
        }
        count += n;
        members += 1;
        at -= 1;
        // Modifiers before the noun, then a conjunction before the next member.
        let mut steps = 0;
        while at > 0 && steps < 6 && !sc.stop[at - 1] && modifier(at - 1) {
            at -= 1;
            steps += 1;
        }
        let mut joined = false;
        while at > 0
            && !sc.stop[at - 1]
            && LIST_AND.contains(&sc.raw(at - 1).to_lowercase().as_str())
        {
            at -= 1;
            joined = true;
        }
        if !joined {
            break;
        }
    }
    if count >= 2 {
        return Some(count);
    }
    // Forward: a verb or a noun of killing, then the list.
    let w0 = sc.word(i);
    if !(w0.ends_with("ing") || w0.ends_with("ed") || w0.starts_with("death")) {
        return None;
    }
    let mut j = i + 1;
    if sc.word(j) == "of" {
        j += 1;
    }
    let (mut count, mut members) = (0, 0);
    while j < sc.toks.len() && members < 6 {
        let mut steps = 0;
        while j < sc.toks.len() && steps < 6 && !sc.stop[j] && modifier(j) {
            j += 1;
            steps += 1;
        }
        let n = noun(j);
        if n == 0 {
            break;
        }
        count += n;
        members += 1;
        j += 1;
        let mut joined = false;
        while j < sc.toks.len()
            && !sc.stop[j]
            && LIST_AND.contains(&sc.raw(j).to_lowercase().as_str())
        {
            j += 1;
            joined = true;
        }
        if !joined {
            break;
        }
    }
    (count >= 2).then_some(count)
}

/// Parts of the body: "hurt her head" is the victim's own body, not another victim.
const BODY_PARTS: &[&str] = &[
    "head", "leg", "legs", "arm", "arms", "hand", "hands", "back", "foot", "feet", "chest", "neck",
    "face", "shoulder", "stomach", "abdomen", "side", "knee", "hip", "eye", "thigh",
];

/// Words before a victim that tell of a person besides others already counted.
const ANOTHER: &[&str] = &[
    "another",
    "also",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "too",
    "survived",
    "survivor",
    "en",
    "annan",
    "också",
    "även",
    "kolejny",
    "kolejna",
    "także",
    "również",
    "weiterer",
    "weitere",
    "auch",
    "autre",
    "aussi",
    "otro",
    "otra",
    "también",
    "altro",
    "altra",
    "anche",
    "ещё",
    "еще",
    "также",
    "другой",
];

/// Words after a victim that tell that the victim lived.
const SURVIVED: &[&str] = &[
    "survived",
    "survive",
    "recover",
    "recovering",
    "recovered",
    "treated",
    "released",
    "hospitalized",
    "hospitalised",
    "stable",
    "non-life",
    "nonfatal",
    "non-fatal",
];

/// Offset added to the position of implicit (singular, no number) candidates, so that explicit
/// numbers are preferred.
const IMPLICIT: usize = 1 << 40;

/// Implicit singular victims count only near the start (title and lead), where the main
/// incident is told; later ones are often earlier incidents recalled as background.
const IMPLICIT_WINDOW: usize = 1200;

/// The main incident's value among candidates in text order: the most frequent, ties to the
/// earliest.
fn choose(c: &[(usize, u64)]) -> Option<u64> {
    let explicit: Vec<(usize, u64)> = c
        .iter()
        .copied()
        .filter(|&(p, _)| p < IMPLICIT / 2)
        .collect();
    let multi: Vec<(usize, u64)> = c
        .iter()
        .copied()
        .filter(|&(p, _)| (IMPLICIT / 2..IMPLICIT).contains(&p))
        .collect();
    let c: &[(usize, u64)] = if !explicit.is_empty() {
        &explicit
    } else if !multi.is_empty() {
        &multi
    } else {
        c
    };
    // The most frequent value; ties go to the earliest. Counting in a small map keeps this
    // linear in the number of candidates.
    let mut counts: HashMap<u64, (usize, usize)> = HashMap::new(); // value -> (count, first idx)
    for (idx, &(_, v)) in c.iter().enumerate() {
        let e = counts.entry(v).or_insert((0, idx));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| (a.1.0, std::cmp::Reverse(a.1.1)).cmp(&(b.1.0, std::cmp::Reverse(b.1.1))))
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn figs(
        text: &str,
        lang: &str,
    ) -> Vec<(FigureValue, Option<&'static str>, &'static str, String)> {
        let toks = tokenize(text);
        find_figures(text, &toks, lang)
            .into_iter()
            .map(|f| {
                let t = text[f.span.0..f.span.1].to_string();
                (f.value, f.qualifier, f.measure, t)
            })
            .collect()
    }

    /// The casualty summary of an English text.
    fn casualties_en(text: &str) -> Casualties {
        find_all(text, &tokenize(text), "en").1
    }

    #[test]
    fn a_part_of_a_group_that_died_is_the_count() {
        let c = casualties_en("Police said two of the four shooting victims had died.");
        assert_eq!(c.killed, Some(2), "{c:?}");
        let f = figs("Two of the four victims died at the hospital.", "en");
        assert_eq!(f[0].0, FigureValue::Number(2.0), "{f:?}");
        assert_eq!(f[0].3, "Two of the four victims died");
        // A participle describes the group: the two were killed.
        let f = figs("One of the two men killed Saturday was identified.", "en");
        assert!(
            f.iter()
                .all(|x| x.0 != FigureValue::Number(1.0) || x.2 != "killed"),
            "{f:?}"
        );
    }

    #[test]
    fn survivors_told_in_other_words_are_injured() {
        let c = casualties_en("The boy was hit by a bullet. He was not seriously injured.");
        assert_eq!(c.injured, Some(1), "{c:?}");
        let c = casualties_en("He was not injured in the shooting.");
        assert_eq!(c.injured, None, "{c:?}");
        let c = casualties_en("A woman was struck by a stray bullet while sitting on her porch.");
        assert_eq!(c.injured, Some(1), "{c:?}");
        // "Others" shot beside the dead are survivors, not the dead among them.
        let c = casualties_en(
            "Three people were killed. Four others were struck by gunfire and treated for injuries.",
        );
        assert_eq!((c.killed, c.injured), (Some(3), Some(4)), "{c:?}");
        let c = casualties_en("Four people were shot; three of them died.");
        assert_eq!(c.killed, Some(3), "{c:?}");
    }

    #[test]
    fn an_english_die_after_a_number_is_a_death() {
        let c = casualties_en("Four shot, 2 die in overnight violence.");
        assert_eq!(c.killed, Some(2), "{c:?}");
        let f = figs("2 die in crash on the highway.", "en");
        assert_eq!(f[0].2, "killed", "{f:?}");
        // German "die" is still a relative pronoun that ends the counted phrase.
        let f = figs("Es gab 3 Verletzte, die ins Krankenhaus kamen.", "de");
        assert!(f.iter().all(|x| x.2 != "killed"), "{f:?}");
    }

    #[test]
    fn a_number_with_its_own_clause_does_not_inherit_the_verb() {
        let f = figs(
            "Fourteen people were injured and more than 300 ferry passengers spent the night on board.",
            "en",
        );
        assert_eq!(f[0].2, "injured");
        assert_eq!(f[1].0, FigureValue::Number(300.0));
        assert_eq!(f[1].2, "people", "{f:?}");
        // A verb before the first number governs both.
        let f = figs(
            "The attack killed 13 soldiers and at least 169 civilians.",
            "en",
        );
        assert_eq!(f[1].2, "killed", "{f:?}");
    }

    #[test]
    fn parts_of_a_group_are_marked_and_do_not_replace_the_whole() {
        let text = "Fourteen people were injured. Four of the injured are Polish lorry drivers.";
        let f = figs(text, "en");
        assert_eq!(f[1].1, Some(PART_OF), "{f:?}");
        assert_eq!(f[1].2, "injured");
        assert_eq!(casualties_en(text).injured, Some(14));
        let text = "Dwie osoby zginęły, a czternaście zostało rannych. \
                    Wśród poszkodowanych jest czterech polskich kierowców.";
        let (f, c) = find_all(text, &tokenize(text), "pl");
        assert_eq!(c.injured, Some(14), "{f:?}");
        assert_eq!(f.last().and_then(|f| f.qualifier), Some(PART_OF), "{f:?}");
        // "Two of them were killed": the group is not the measure, the count is whole.
        let f = figs("Five hostages were held. Two of them were killed.", "en");
        assert!(f.iter().all(|f| f.1.is_none()), "{f:?}");
        // A part alone still tells a lower bound of the count.
        assert_eq!(
            casualties_en("Among the dead were two children.").killed,
            Some(2)
        );
    }

    #[test]
    fn digits_words_and_qualifiers() {
        let f = figs(
            "The attack in which over 130 people died shocked everyone.",
            "en",
        );
        assert_eq!(
            f,
            vec![(
                FigureValue::Number(130.0),
                Some("more than"),
                "killed",
                "over 130 people died".into()
            )]
        );
        let f = figs(
            "Two representatives of the diplomatic mission were killed.",
            "en",
        );
        assert_eq!(f[0].0, FigureValue::Number(2.0));
        assert_eq!(f[0].2, "killed");
        let f = figs(
            "their number is estimated at several thousand people.",
            "en",
        );
        assert_eq!(f[0].0, FigureValue::Vague("several thousand".into()));
        assert_eq!(f[0].2, "people");
    }

    #[test]
    fn backward_verbs_and_at_least() {
        let f = figs(
            "a bombing that killed 13 soldiers and least 169 Afghans in Kabul",
            "en",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].0, FigureValue::Number(169.0));
        assert_eq!(f[1].1, Some("at least"));
        assert_eq!(f[1].2, "killed");
        let f = figs("The attack, which killed 94, was the first.", "en");
        assert_eq!(
            (f[0].0.clone(), f[0].2),
            (FigureValue::Number(94.0), "killed")
        );
    }

    #[test]
    fn other_languages() {
        let f = figs("tog 850 personer som gisslan och 170 personer dog", "sv");
        assert_eq!(f[0].2, "hostages");
        assert_eq!(f[1].2, "killed");
        let f = figs("Zginęło ponad dwóch żołnierzy.", "pl");
        assert_eq!(f[0].0, FigureValue::Number(2.0));
        assert_eq!(f[0].1, Some("more than"));
        let f = figs("minst tvåhundra personer skadades", "sv");
        assert_eq!(
            (f[0].0.clone(), f[0].1, f[0].2),
            (FigureValue::Number(200.0), Some("at least"), "injured")
        );
        let f = figs(
            "mindestens dreihundertfünfzig Menschen wurden verletzt",
            "de",
        );
        assert_eq!(f[0].0, FigureValue::Number(350.0));
    }

    #[test]
    fn number_formats_follow_the_language() {
        assert_eq!(parse_digits("1,5 mln", 0, "pl"), Some((1.5, 3)));
        assert_eq!(parse_digits("1.5", 0, "en"), Some((1.5, 3)));
        assert_eq!(parse_digits("1,500 people", 0, "en"), Some((1500.0, 5)));
        assert_eq!(parse_digits("1 500 personer", 0, "sv"), Some((1500.0, 5)));
        assert_eq!(parse_digits("1.500 Menschen", 0, "de"), Some((1500.0, 5)));
        let f = figs("1,5 mln osób", "pl");
        assert_eq!(f[0].0, FigureValue::Number(1_500_000.0));
    }

    #[test]
    fn casualty_summary() {
        let t = "One killed, 3 injured in shooting\n\nA man was killed and three others were wounded early Sunday.";
        let toks = tokenize(t);
        let (_, c) = find_all(t, &toks, "en");
        assert_eq!(
            c,
            Casualties {
                killed: Some(1),
                injured: Some(3)
            }
        );
        let t = "Police said four people were shot, one fatally.";
        let toks = tokenize(t);
        let (_, c) = find_all(t, &toks, "en");
        assert_eq!(
            c,
            Casualties {
                killed: Some(1),
                injured: Some(3)
            }
        );
        let t = "The council met on Tuesday.";
        let toks = tokenize(t);
        assert_eq!(find_all(t, &toks, "en").1, Casualties::default());
    }

    #[test]
    fn shot_and_killed_and_multi_victim_words() {
        let t = "Two young girls shot, killed by father in double-murder\n\nTwo young girls were shot and killed.";
        let toks = tokenize(t);
        let (f, c) = find_all(t, &toks, "en");
        assert_eq!(f[0].measure, "killed");
        assert_eq!(
            c,
            Casualties {
                killed: Some(2),
                injured: None
            }
        );
        let t = "Police investigate murder-suicide in Springfield home";
        let toks = tokenize(t);
        assert_eq!(find_all(t, &toks, "en").1.killed, Some(2));
        let t = "Jaden Smith, 11, was killed. No one else was injured.";
        let toks = tokenize(t);
        assert_eq!(
            find_all(t, &toks, "en").1,
            Casualties {
                killed: Some(1),
                injured: None
            }
        );
    }

    #[test]
    fn shot_victims_are_injured_unless_killed() {
        let t = "7 men shot at Antioch house\n\nOne person was critically wounded and the others are stable.";
        let toks = tokenize(t);
        assert_eq!(
            find_all(t, &toks, "en").1,
            Casualties {
                killed: None,
                injured: Some(7)
            }
        );
    }

    #[test]
    fn a_survivor_next_to_the_dead_is_injured() {
        // A lone wounded victim after a death counts when the lead says someone lived.
        let t = "Man shot dead in Oakland\n\nA man was killed and a woman was wounded on Friday. She is in stable condition.";
        assert_eq!(casualties_en(t).killed, Some(1));
        assert_eq!(casualties_en(t).injured, Some(1));
        // "killing three men and wounding another": the verb has its own victim.
        let t =
            "Suspect held\n\nHe is accused of killing three men and wounding another on Wednesday.";
        assert_eq!(casualties_en(t).killed, Some(3));
        assert_eq!(casualties_en(t).injured, Some(1));
        // "died from his injuries": the same victim, not a second one.
        let t = "Man dies after shooting\n\nA man who was injured in a shooting died on Sunday.";
        assert_eq!(casualties_en(t).killed, Some(1));
        assert_eq!(casualties_en(t).injured, None);
    }

    #[test]
    fn no_counts_from_model_names_or_addresses() {
        // "AR-15 to Kill Five": the model number is not a count.
        let t = "Teen used AR-15 to kill five\n\nA family of five was found dead in a house.";
        assert_eq!(casualties_en(t).killed, Some(5));
        // "killed at 2806 Main Street": an address, not a count.
        let t = "Man killed\n\nA man was killed at 2806 Main Street on Friday, police said.";
        assert_eq!(casualties_en(t).killed, Some(1));
        // "killed at least 13": the qualifier still joins the verb and the number.
        let t = "Blast\n\nThe bomb killed at least 13 people.";
        assert_eq!(casualties_en(t).killed, Some(13));
    }

    #[test]
    fn a_second_victim_who_lived_is_injured() {
        // "and another injured": a survivor besides the dead.
        let t = "Shooting at motel\n\nThree people were killed, and another injured in a shooting.";
        assert_eq!(
            casualties_en(t),
            Casualties {
                killed: Some(3),
                injured: Some(1)
            }
        );
        // "was also shot ... expected to recover".
        let t = "3 people shot to death\n\nThree people were killed. Her boyfriend was also shot in his leg and is expected to recover.";
        assert_eq!(
            casualties_en(t),
            Casualties {
                killed: Some(3),
                injured: Some(1)
            }
        );
        // "in critical condition" and then died: the same victim.
        let t = "Boy dies after shooting\n\nA boy was taken to hospital in critical condition and later died.";
        assert_eq!(
            casualties_en(t),
            Casualties {
                killed: Some(1),
                injured: None
            }
        );
        // "is survived by": an obituary, not a survivor.
        let t = "Teen dies\n\nA teen was shot and killed. He is survived by his brother.";
        assert_eq!(casualties_en(t).injured, None);
    }

    #[test]
    fn victims_listed_without_a_number() {
        assert_eq!(
            casualties_en("Mother, toddler killed in shooting\n\nPolice are investigating.").killed,
            Some(2)
        );
        assert_eq!(casualties_en("Woman charged\n\nA woman was charged with killing her father and 6-year-old daughter.").killed, Some(2));
        assert_eq!(
            casualties_en("Arrest\n\nA man broke in and killed a young couple.").killed,
            Some(2)
        );
    }

    #[test]
    fn a_killer_who_took_their_own_life_is_counted() {
        assert_eq!(
            casualties_en("Mother killed 2 children, herself\n\nPolice said.").killed,
            Some(3)
        );
        let t = "Standoff ends\n\nThe standoff ended with a man killing his 2-year-old son and then taking his own life.";
        assert_eq!(casualties_en(t).killed, Some(2));
    }

    #[test]
    fn counts_that_are_not_victims() {
        // Shots and wounds are not people.
        let t = "Man killed\n\nA man was shot three times and died at a hospital.";
        assert_eq!(
            casualties_en(t),
            Casualties {
                killed: Some(1),
                injured: None
            }
        );
        // "brain dead", "death penalty", "non-deadly": no death.
        let t = "Teen shot\n\nA teen who shot himself is now brain dead, his mother said.";
        assert_eq!(casualties_en(t).killed, None);
        // A thousands group is not a count of its own.
        let t = "Deer season\n\nAs of Sunday evening, 108,780 deer had been killed.";
        assert_eq!(casualties_en(t).killed, None);
        // Swedish "dog" (died) is an English pet.
        let t = "Four people shot at bar\n\nFour people were shot. She was walking her dog.";
        assert_eq!(
            casualties_en(t),
            Casualties {
                killed: None,
                injured: Some(4)
            }
        );
        // Victims of separate incidents are no incident's count.
        let t = "Violent night\n\nTwo teens died in separate incidents early Thursday.";
        assert_eq!(casualties_en(t).killed, None);
        // A weekend tally is no incident's count: the lead's own victim is.
        let t = "3 dead, 22 wounded in weekend shootings\n\nA man was killed on Friday.";
        assert_eq!(casualties_en(t).killed, Some(1));
    }

    #[test]
    fn a_non_fatal_title_outweighs_a_late_death() {
        let filler = "Police are looking for the gunman. ".repeat(25);
        let t = format!(
            "Four people shot at bar\n\nFour people were shot at a bar. {filler}A man was killed outside the same bar in 2012."
        );
        assert_eq!(
            casualties_en(&t),
            Casualties {
                killed: None,
                injured: Some(4)
            }
        );
    }

    #[test]
    fn short_and_odd_inputs_do_not_panic() {
        for t in [
            "killed",
            "also killed",
            "was also killed",
            "dead and injured",
            ", herself",
            "killing his",
            "and, and, killed",
            "survived",
            "condition",
            "fighting for his life",
            "- dead",
            "couple killed",
            "3",
        ] {
            let _ = find_all(t, &tokenize(t), "en");
        }
    }

    #[test]
    fn no_figures_from_ages_times_and_dates() {
        assert!(
            figs(
                "A 20-year-old man arrived at 1:15 a.m. on July 17, 2015.",
                "en"
            )
            .is_empty()
        );
    }
}
