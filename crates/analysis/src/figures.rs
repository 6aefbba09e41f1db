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
    /// Normalised qualifier: "more than", "at least", "about", "nearly", "up to", "less than".
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
        toks,
        lower,
        stop,
    };
    let mut figures = Vec::new();
    let mut used_measure_toks: Vec<usize> = Vec::new();
    let mut prev: Option<(usize, &'static str)> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some((value, first, last)) = number_at(&sc, i, lang) else {
            i += 1;
            continue;
        };
        i = last + 1;
        // "killed 13 soldiers and at least 169 civilians": the second figure inherits the
        // verb of the first when they are coordinated in one clause.
        let inherit = prev.and_then(|(pl, m): (usize, &'static str)| {
            let gap = first.saturating_sub(pl + 1);
            let joined = (pl + 1..first)
                .any(|k| CONJUNCTIONS.contains(&sc.word(k)) && sc.word(k) != "while");
            let stopped = (pl + 1..first).any(|k| sc.stop[k]);
            (gap <= 8 && joined && !stopped).then_some(m)
        });
        if let Some((mut fig, mtok)) = build_figure(&sc, value, first, last) {
            if let Some(m) = mtok {
                used_measure_toks.push(m);
            }
            if fig.measure == "people"
                && let Some(m) = inherit
            {
                fig.measure = m;
            }
            prev = matches!(
                fig.measure,
                "killed" | "injured" | "shot" | "hostages" | "arrested"
            )
            .then_some((last, fig.measure));
            figures.push(fig);
        } else {
            prev = None;
        }
    }
    // A verb before the number ("killed 13") comes before earlier numbers' nouns: sort for
    // the binary search in `summarise`.
    used_measure_toks.sort_unstable();
    let casualties = summarise(&sc, &figures, &used_measure_toks);
    (figures, casualties)
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
            let counted_next = is_people_noun(n1) || measure_of(n1).is_some();
            if i >= 2 && sc.raw(i - 1) == ":" && sc.toks[i - 2].kind == TokKind::Number {
                return None; // "5:38"
            }
            if TIME_UNITS.contains(&n1) {
                return None; // "17 year old", "50 years in prison"
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
                    if !(is_people_noun(n) || measure_of(n).is_some()) {
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
                && measure_of(sc.word(i + 1)).is_none()
            {
                return None;
            }
            // "a three-year-old", "a six": an age or a name, not a count; "no one".
            if k == 0 && i > 0 && matches!(sc.word(i - 1), "a" | "an" | "no") {
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
            if TIME_UNITS.contains(&sc.word(nx)) {
                return None;
            }
            if last == i && (WEAK_NUMBER_WORDS.contains(&w) || k == 2) {
                // "en", "ein", "un", "sex", a bare "thousand": a number only right before a
                // counted noun.
                let n = sc.word(i + 1);
                if !(is_people_noun(n) || measure_of(n).is_some_and(|m| m != "shot")) || k == 2 {
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
    if prev(1) == ","
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
        if people.is_none() && RELATIVES.contains(&w) {
            break;
        }
        if words > 1 && PREPOSITIONS.contains(&w) {
            break;
        }
        if let Some(m) = measure_of(w) {
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
                if matches!(sc.raw(k), "," | ";" | ":" | "(" | ")" | "–" | "—" | "-") {
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
            if let Some(m) = measure_of(sc.word(k))
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
            while k < sc.toks.len() && n < 3 && !sc.stop[k] {
                if sc.toks[k].kind == TokKind::Word {
                    n += 1;
                    match measure_of(sc.word(k)) {
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
    Some((
        Figure {
            value,
            qualifier: q.map(|(n, _)| n),
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
            ) || measure_of(w).is_some()
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
    for f in figures {
        let Some(v) = f.value.as_count() else {
            continue;
        };
        if v == 0 || v > 10_000 {
            continue;
        }
        match f.measure {
            "killed" => killed.push((f.span.0, v)),
            "injured" => injured.push((f.span.0, v)),
            "shot" => shot.push((f.span.0, v)),
            _ => {}
        }
    }
    // Whether an implicit injured victim is the object of its own verb.
    let mut injured_object = false;
    // Implicit singular victims.
    for (i, t) in sc.toks.iter().enumerate() {
        if t.kind != TokKind::Word || used.binary_search(&i).is_ok() {
            continue;
        }
        let w0 = sc.word(i);
        let m = if w0 == "deadly" && !matches!(sc.word(i + 1), "weapon" | "weapons" | "force") {
            "killed"
        } else {
            let Some(m) = measure_of(w0) else { continue };
            m
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
        if i > 0
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
        let mut singular = false;
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
            if PLURAL.contains(&w) {
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
        let mut object = false;
        if !singular {
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
            singular = age_next
                || matches!(w, "a" | "an" | "his" | "her" | "another")
                || (t2.is_some_and(|t| {
                    t.kind == TokKind::Word && crate::text::is_capitalised(t.text(sc.text))
                }) && !sc.stop.get(j.saturating_sub(1)).copied().unwrap_or(true)
                    && sc.raw(j - 1) != ","
                    && !PLURAL.contains(&w));
            // A verb with its own victim ("… and wounded a six-year-old"): a person other
            // than the dead.
            object = singular
                && j == i + 1
                && (w0.ends_with("ed") || w0.ends_with("ing") || w0 == "hurt");
        }
        if !singular {
            continue;
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
    let pick = |v: &mut Vec<(usize, u64)>| -> Option<u64> {
        let title: Vec<(usize, u64)> = v.iter().copied().filter(|&(p, _)| p < title_end).collect();
        v.extend(title);
        v.sort_by_key(|&(p, _)| p);
        choose(v)
    };
    let injured_explicit = injured.iter().any(|&(p, _)| p < IMPLICIT);
    let k = pick(&mut killed);
    let mut inj = pick(&mut injured);
    // "died from his injuries": a lone implicit injury next to a death is the same victim,
    // unless the lead tells of a survivor ("is expected to survive", "in stable condition").
    let survivor = survivor_near_start(sc);
    if k.is_some() && !injured_explicit && !injured_object && !survivor {
        inj = None;
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
            matches!(w, "survived" | "survive" | "recovering")
                && !matches!(prev, "not" | "never" | "didn't" | "t")
                || (w == "condition"
                    && matches!(prev, "stable" | "serious" | "critical" | "fair" | "good"))
                || (w == "fatal" && prev == "non")
                || w == "nonfatal"
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
        if matches!(w, "ago" | "previous" | "previously" | "earlier" | "prior")
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
        let c = |t: &str| find_all(t, &tokenize(t), "en").1;
        // A lone wounded victim after a death counts when the lead says someone lived.
        let t = "Man shot dead in Oakland\n\nA man was killed and a woman was wounded on Friday. She is in stable condition.";
        assert_eq!(c(t).killed, Some(1));
        assert_eq!(c(t).injured, Some(1));
        // "killing three men and wounding another": the verb has its own victim.
        let t =
            "Suspect held\n\nHe is accused of killing three men and wounding another on Wednesday.";
        assert_eq!(c(t).killed, Some(3));
        assert_eq!(c(t).injured, Some(1));
        // "died from his injuries": the same victim, not a second one.
        let t = "Man dies after shooting\n\nA man who was injured in a shooting died on Sunday.";
        assert_eq!(c(t).killed, Some(1));
        assert_eq!(c(t).injured, None);
    }

    #[test]
    fn no_counts_from_model_names_or_addresses() {
        let c = |t: &str| find_all(t, &tokenize(t), "en").1;
        // "AR-15 to Kill Five": the model number is not a count.
        let t = "Teen used AR-15 to kill five\n\nA family of five was found dead in a house.";
        assert_eq!(c(t).killed, Some(5));
        // "killed at 2806 Main Street": an address, not a count.
        let t = "Man killed\n\nA man was killed at 2806 Main Street on Friday, police said.";
        assert_eq!(c(t).killed, Some(1));
        // "killed at least 13": the qualifier still joins the verb and the number.
        let t = "Blast\n\nThe bomb killed at least 13 people.";
        assert_eq!(c(t).killed, Some(13));
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
