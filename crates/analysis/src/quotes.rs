//! Quotes: direct (every quotation-mark style and dash-introduced speech), indirect ("said
//! that", "according to", "skriver X för Y", "sagte", "a déclaré") and mixed, with the cue, the
//! source span, the speaker's resolved full name, role, affiliation and outlet.
//!
//! The method is rule-based and works paragraph by paragraph:
//!
//! 1. quoted regions are found per paragraph (“ ” „ “ « » ” ” " " ‘ ’ ‹ › and dash-introduced
//!    speech: a paragraph or sentence opened by "– " runs to the next spaced dash);
//! 2. each region looks for its attribution right after it (`“…,” he said`, `– … – explains
//!    Dr. X`), else right before it (`X said: “…”`); `“A,” she said, “B”` becomes one quote
//!    with two segments (in English, unless B has an attribution of its own);
//! 3. sentences outside quoted regions are searched for indirect speech: `X says (that) …`,
//!    `…, X said.`, `According to X, …`, `…, according to X.`;
//! 4. a quote paragraph with no attribution takes the speaker of the previous paragraph's
//!    quote ("… skriver Rossi." followed by a quoted paragraph);
//! 5. surnames and pronouns resolve to the earlier full-name mention;
//! 6. English content boundaries follow news annotation conventions: "which he said was …"
//!    keeps the relative word, a particle after the cue ("called out", "argued for") is not
//!    content, quoted fragments of one clause are one span, and content never runs past a
//!    closing parenthesis it did not open.
//!
//! Every step scans a bounded window around a position, so the whole pass is linear.

use crate::QuoteKind;
use crate::entities::EntityRec;
use crate::lexicon::{
    CUES, NOUN_CUES, PASSIVE_CUES, POSSESSIVES, PRONOUNS, SOURCE_FIRST_CUES, STANCE_CUES, TITLES,
};
use crate::text::{Tok, TokKind, is_capitalised, is_sentence_stop};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One quote with byte offsets into the analysed text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRec {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Byte spans of the content (several when the attribution interrupts it).
    pub content: Vec<(usize, usize)>,
    /// Byte span of the reporting verb or phrase.
    pub cue: Option<(usize, usize)>,
    /// Byte span of the source as written.
    pub source: Option<(usize, usize)>,
    /// The speaker's resolved full name.
    pub speaker_name: Option<String>,
    /// The speaker's role ("a national security expert").
    pub role: Option<String>,
    /// The speaker's affiliation ("University of New Haven").
    pub affiliation: Option<String>,
    /// The outlet the speaker writes for ("Sky News").
    pub outlet: Option<String>,
}

/// Cue phrases by first word.
static CUE_INDEX: LazyLock<HashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::new();
    for c in CUES.iter().chain(SOURCE_FIRST_CUES.iter()) {
        let words: Vec<&'static str> = c.split(' ').collect();
        if let Some(first) = words.first() {
            m.entry(first).or_default().push(words);
        }
    }
    for v in m.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    m
});

/// Opening quotation marks and the closers they accept.
fn closers(open: char) -> Option<&'static [char]> {
    Some(match open {
        '“' => &['”', '“', '"'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '"' => &['"', '”'],
        '”' => &['”'],
        '‘' => &['’'],
        '‹' => &['›'],
        '「' => &['」'],
        _ => return None,
    })
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '-')
}

/// Quoted regions of one line `[base, base + line.len())`: byte spans in the whole text, quote
/// marks (or the opening dash) included.
fn line_regions(line: &str, base: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let mut i = 0;
    // Dash-introduced speech: at the line start or after a sentence end (". – ").
    let dash_opens = |k: usize| -> bool {
        let Some(&(_, c)) = chars.get(k) else {
            return false;
        };
        if !is_dash(c) || chars.get(k + 1).is_none_or(|&(_, c2)| c2 != ' ') {
            return false;
        }
        let mut p = k;
        while p > 0 && chars[p - 1].1.is_whitespace() {
            p -= 1;
        }
        // Mid-line, only the typographic dashes of the Polish / Russian convention open
        // speech; "W.Va. - The coal …" is a dateline.
        p == 0 || (p < k && c != '-' && matches!(chars[p - 1].1, '.' | '!' | '?' | ':' | '…'))
    };
    while i < n {
        let (bi, c) = chars[i];
        if dash_opens(i) {
            // Runs to the next spaced dash or the line end.
            let mut j = i + 2;
            let mut end = line.trim_end().len();
            while j < n {
                let (bj, cj) = chars[j];
                if is_dash(cj)
                    && chars[j - 1].1 == ' '
                    && chars.get(j + 1).is_some_and(|&(_, x)| x == ' ' || x == ',')
                {
                    end = bj;
                    while end > bi && line.as_bytes().get(end - 1) == Some(&b' ') {
                        end -= 1;
                    }
                    break;
                }
                j += 1;
            }
            if end > bi + 2 {
                out.push((base + bi, base + end));
            }
            i = j + 1;
            continue;
        }
        // PTB-style double quotes: ``…'' or ''…'' (common in newswire text).
        let pair = |k: usize, a: char| {
            chars.get(k).is_some_and(|&(_, x)| x == a)
                && chars.get(k + 1).is_some_and(|&(_, x)| x == a)
        };
        if (pair(i, '\'') || pair(i, '`')) && (i == 0 || !chars[i - 1].1.is_alphanumeric()) {
            let mut j = i + 2;
            let mut found = None;
            while j + 1 < n {
                if pair(j, '\'') {
                    found = Some(chars[j + 1].0 + 1);
                    break;
                }
                j += 1;
            }
            match found {
                Some(e) => {
                    out.push((base + bi, base + e));
                    i = j + 2;
                }
                None => {
                    let end = line.trim_end().len();
                    if end > bi + 2 {
                        out.push((base + bi, base + end));
                    }
                    i = n;
                }
            }
            continue;
        }
        if let Some(cl) = closers(c) {
            // ‘ and ’-style marks double as apostrophes: only open after a space or start.
            if c == '‘' && i > 0 && !chars[i - 1].1.is_whitespace() {
                i += 1;
                continue;
            }
            // A straight " closes a region only when followed by a non-letter.
            let mut j = i + 1;
            let mut found = None;
            while j < n {
                let (bj, cj) = chars[j];
                if cl.contains(&cj)
                    && !(cj == '’' && chars.get(j + 1).is_some_and(|&(_, x)| x.is_alphabetic()))
                {
                    found = Some(bj + cj.len_utf8());
                    break;
                }
                j += 1;
            }
            match found {
                Some(e) => {
                    out.push((base + bi, base + e));
                    i = j + 1;
                }
                None => {
                    let end = line.trim_end().len();
                    if end > bi + 1 && c != '‘' && c != '»' {
                        out.push((base + bi, base + end));
                    }
                    i = n;
                }
            }
            continue;
        }
        i += 1;
    }
    out
}

/// The last attributed quote: (paragraph number, speaker name, source span, outlet).
type LastSpeaker = (
    usize,
    Option<String>,
    Option<(usize, usize)>,
    Option<String>,
);

/// Token-level helpers over the whole text.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lower: Vec<String>,
    lang: &'a str,
    /// Every person mention: (start, end, person name), sorted by start.
    person_mentions: Vec<(usize, usize, &'a str)>,
    /// Person names by each of their word suffixes ("Lee", "Ann Lee" → "Mary Ann Lee"); the
    /// first person in entity order wins.
    person_suffixes: HashMap<&'a str, &'a str>,
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }
    fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }
    /// Index of the first token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }
    fn is_stop(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(TokKind::Newline) => true,
            Some(TokKind::Punct) => {
                matches!(self.raw(i), "." | "!" | "?" | "…")
                    && is_sentence_stop(self.text, self.toks[i].start)
            }
            _ => false,
        }
    }
    /// The cue phrase starting at token `i`: (last token of the cue, is source-first).
    /// Whether the one-word cue at `i` is used as a noun in English: after a determiner or a
    /// possessive ("his plans", "the rules", "Trump’s claims", "her support").
    fn noun_use(&self, i: usize) -> bool {
        if self.lang != "en" || i == 0 {
            return false;
        }
        let w = self.word(i);
        let plural = w.ends_with('s') && !w.ends_with("ss");
        let prev = self.word(i - 1);
        if matches!(
            prev,
            "the"
                | "a"
                | "an"
                | "his"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "these"
                | "those"
        ) || (plural && prev == "her")
        {
            return true;
        }
        // "Clinton’s plans": a possessive glued to a capitalised word.
        plural
            && prev == "s"
            && i >= 3
            && matches!(self.raw(i - 2), "’" | "'")
            && self.toks[i - 3].end == self.toks[i - 2].start
            && self.toks[i - 2].end == self.toks[i - 1].start
            && is_capitalised(self.raw(i - 3))
            && !PRONOUNS.contains(&self.word(i - 3))
    }

    fn cue_at(&self, i: usize) -> Option<(usize, bool)> {
        if self.kind(i) != Some(TokKind::Word) {
            return None;
        }
        let Some(cands) = CUE_INDEX.get(self.word(i)) else {
            return self.open_cue(i).then_some((i, false));
        };
        'outer: for words in cands {
            let mut j = i;
            let mut last = i;
            for (n, w) in words.iter().enumerate() {
                if n > 0 {
                    j += 1;
                    while self.kind(j) == Some(TokKind::Punct) && self.raw(j) == "'" {
                        j += 1;
                    }
                }
                if self.word(j) != *w {
                    continue 'outer;
                }
                last = j;
            }
            let joined = words.join(" ");
            let source_first = SOURCE_FIRST_CUES.contains(&joined.as_str());
            // "as" is only a cue in "As CNN mentions"; "so" only in German "so X".
            if (joined == "as" || joined == "so") && !(self.lang == "de" && joined == "so") {
                return None;
            }
            if last == i && self.noun_use(i) {
                return None;
            }
            return Some((last, source_first));
        }
        self.open_cue(i).then_some((i, false))
    }

    /// A verb outside the cue lexicon that reports speech or thought by its shape: an English
    /// lowercase past form right before the complementizer "that" ("X contended that …",
    /// "the court ruled that …", "she realized that …"). The open class of such verbs is far
    /// larger than any list; the "-ed that" shape is what marks them.
    fn open_cue(&self, i: usize) -> bool {
        let w = self.word(i);
        self.lang == "en"
            && w.len() >= 5
            && w.ends_with("ed")
            && !w.ends_with("eed")
            && !is_capitalised(self.raw(i))
            && self.word(i + 1) == "that"
            && self.kind(i + 1) == Some(TokKind::Word)
            && !OPEN_CUE_STOP.contains(&w)
    }
}

/// "-ed" words before "that" that introduce no reported content: "provided that" and
/// "granted that" (conditions), "indeed that", and verbs whose object is the "that" phrase
/// ("called that claim false", "needed that money", "ended that practice").
const OPEN_CUE_STOP: &[&str] = &["provided", "granted", "needed", "ended", "indeed", "called"];

/// Words that may sit between a source and its cue ("Clinton also said", "he has said").
const BETWEEN: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "long",
    "already",
    "since",
    "never",
    "also",
    "later",
    "has",
    "had",
    "have",
    "previously",
    "then",
    "again",
    "recently",
    "once",
    "further",
    "earlier",
    "himself",
    "herself",
    "repeatedly",
    "publicly",
    "now",
    "still",
    "often",
    "ocksa",
    "också",
    "även",
    "też",
    "także",
    "auch",
    "aussi",
    "también",
    "anche",
    "также",
];

/// Words that cannot be a source head right before a cue.
const NOT_SOURCE: &[&str] = &[
    "has", "have", "had", "were", "are", "where", "whose", "whom", "being", "the", "a", "an", "to",
    "and", "of", "that", "which", "who", "it", "this", "there", "as", "is", "was", "be", "been",
    "not", "or", "but", "if", "what", "how", "than", "in", "on", "at", "for", "with", "by", "from",
    "i", "we", "you", "will", "would", "could", "should", "can", "may", "might", "must", "do",
    "does", "did", "when", "while", "so", "just", "only", "never", "att", "och", "som", "det",
    "är", "och", "że", "i", "się", "nie", "und", "dass", "der", "die", "das", "es", "et", "que",
    "le", "la", "y", "el", "e", "il", "che", "и", "что", "не",
];

/// Capitalised sentence openers that are not part of a name before a cue.
const LEADING: &[&str] = &[
    "as",
    "although",
    "though",
    "because",
    "since",
    "after",
    "before",
    "when",
    "while",
    "then",
    "yet",
    "still",
    "meanwhile",
    "instead",
    "now",
    "also",
    "even",
    "only",
    "here",
    "som",
    "jak",
    "wie",
    "comme",
    "como",
    "come",
    "как",
    "men",
    "aber",
    "mais",
    "pero",
    "ma",
    "но",
    "in",
];

/// Token `k` moved back over the adverbs, auxiliaries and negations that may sit between a
/// source and its cue ("Clinton also said", "he has long argued", "aides haven't said",
/// "officials did not say"), never below `floor`.
fn skip_between_back(cx: &Ctx, k: usize, floor: usize) -> usize {
    let mut end = k;
    // At most a few words: the scan per cue stays bounded on "also also also …".
    let floor = floor.max(k.saturating_sub(8));
    while end > floor {
        let w = cx.word(end - 1);
        let glued = |a: usize| a > floor && cx.toks[a - 1].end == cx.toks[a].start;
        if BETWEEN.contains(&w) || (w.ends_with("ly") && w.len() > 4) {
            end -= 1;
        } else if matches!(w, "not" | "nicht" | "inte" | "nie" | "pas" | "non")
            && end - 1 > floor
            && matches!(
                cx.word(end - 2),
                "did" | "does" | "do" | "has" | "have" | "had" | "would" | "could" | "will"
            )
        {
            end -= 2;
        } else if w == "t"
            && end >= floor + 3
            && matches!(cx.raw(end - 2), "'" | "’")
            && glued(end - 1)
            && glued(end - 2)
            && matches!(
                cx.word(end - 3),
                "haven" | "hasn" | "hadn" | "didn" | "doesn" | "don" | "won" | "wouldn" | "couldn"
            )
        {
            end -= 3;
        } else {
            break;
        }
    }
    end
}

/// A source phrase ending right before token `k` (exclusive): its first token, or `None`.
fn source_before(cx: &Ctx, k: usize, floor: usize) -> Option<(usize, usize)> {
    let end = skip_between_back(cx, k, floor); // exclusive
    if end == floor {
        return None;
    }
    // An appositive between commas: "Rendell, a Clinton surrogate, said".
    if cx.raw(end - 1) == "," && end >= floor + 3 {
        let mut p = end - 1;
        let mut n = 0;
        while p > floor && n < 25 {
            p -= 1;
            if cx.raw(p) == "," {
                break;
            }
            if cx.is_stop(p)
                || !matches!(cx.kind(p), Some(TokKind::Word | TokKind::Number))
                    && !matches!(cx.raw(p), "." | "-" | "'" | "’")
            {
                return None;
            }
            n += 1;
        }
        if cx.raw(p) == "," && p > floor {
            let name = source_before_simple(cx, p, floor)?;
            // "Rendell, a Clinton surrogate, said" or "The state’s campaign chairman, Phil
            // Lovas, said": a name on one side of the comma.
            if is_capitalised(cx.raw(name.0))
                || PRONOUNS.contains(&cx.word(name.0))
                || (is_capitalised(cx.raw(p + 1)) && !cx.is_stop(name.0))
            {
                return Some((name.0, end - 1));
            }
        }
        return None;
    }
    source_before_simple(cx, end, floor)
}

/// [`source_before`] without the appositive rule; `end` is exclusive and already past any
/// adverbs.
fn source_before_simple(cx: &Ctx, end: usize, floor: usize) -> Option<(usize, usize)> {
    let mut end = end;
    // A parenthesis right before the cue ("Rep. Gwen Moore (D-Wis.) said").
    if cx.raw(end - 1) == ")" {
        let mut p = end - 1;
        let mut n = 0;
        while p > floor && cx.raw(p) != "(" && n < 10 {
            p -= 1;
            n += 1;
        }
        if cx.raw(p) == "(" && p > floor {
            end = p;
        }
    }
    let mut last = end - 1;
    // A name ending in an abbreviation's stop: "The S.E.C. said", "U.S. officials".
    if cx.raw(last) == "."
        && last > floor
        && !cx.is_stop(last)
        && cx.toks[last - 1].end == cx.toks[last].start
    {
        last -= 1;
    }
    if cx.kind(last) != Some(TokKind::Word) {
        return None;
    }
    let w = cx.word(last);
    if PRONOUNS.contains(&w) {
        return Some((last, end));
    }
    // "Theresa May said", "Will Hurd said": a capitalised modal ends a name.
    if NOT_SOURCE.contains(&w)
        && !(is_capitalised(cx.raw(last))
            && matches!(w, "may" | "will" | "can")
            && last > floor
            && is_capitalised(cx.raw(last - 1)))
    {
        return None;
    }
    // "Park Geun-hye said": a hyphenated name with a lowercase second part.
    let hyphenated = last >= floor + 2
        && cx.raw(last - 1) == "-"
        && cx.toks[last - 2].end == cx.toks[last - 1].start
        && cx.toks[last - 1].end == cx.toks[last].start
        && is_capitalised(cx.raw(last - 2));
    let mut start;
    if is_capitalised(cx.raw(last)) || hyphenated {
        // A name: capitalised words, initials, particles, hyphens, apostrophes.
        let mut p = last;
        let mut n = 0;
        while p > floor && n < 8 {
            let q = p - 1;
            let r = cx.raw(q);
            let ok = match cx.kind(q) {
                Some(TokKind::Word) => {
                    // An initial ("S.E.C.", "John F. Kennedy") even when it spells a function
                    // word of some language ("E", "I", "A").
                    let initial = r.chars().count() == 1
                        && cx.raw(q + 1) == "."
                        && cx.toks[q].end == cx.toks[q + 1].start;
                    (is_capitalised(r)
                        && (initial
                            || !NOT_SOURCE.contains(&cx.word(q)) && !LEADING.contains(&cx.word(q))))
                        || matches!(
                            r,
                            "van"
                                | "von"
                                | "de"
                                | "da"
                                | "del"
                                | "der"
                                | "bin"
                                | "al"
                                | "la"
                                | "le"
                        )
                }
                Some(TokKind::Punct) => {
                    let glued_left = q > floor
                        && cx.toks[q - 1].end == cx.toks[q].start
                        && cx.kind(q - 1) == Some(TokKind::Word);
                    (r == "." && glued_left)
                        || (matches!(r, "-" | "'" | "’")
                            && glued_left
                            && cx.toks[q].end == cx.toks[p].start)
                }
                _ => false,
            };
            if !ok {
                break;
            }
            p = q;
            n += 1;
        }
        while cx.kind(p) == Some(TokKind::Punct) {
            p += 1;
        }
        // Sentence-initial function word ("The", "But") is not part of the name.
        start = p;
        // Include a lowercase role before the name ("press secretary Josh Earnest").
        let mut q = start;
        let mut m = 0;
        while q > floor
            && m < 5
            && cx.kind(q - 1) == Some(TokKind::Word)
            && !NOT_SOURCE.contains(&cx.word(q - 1))
            && !LEADING.contains(&cx.word(q - 1))
            && !is_capitalised(cx.raw(q - 1))
            && !cx.is_stop(q - 1)
        {
            q -= 1;
            m += 1;
        }
        // … and a capitalised organisation before that role ("White House press secretary
        // Josh Earnest", "IMF chief economist Maury Obstfeld", "Clinton’s campaign manager").
        // German capitalises every noun: a capitalised word there is no sign of a name.
        if q < start && cx.lang != "de" {
            let mut o = q;
            let mut m = 0;
            while o > floor && m < 4 {
                let r = cx.raw(o - 1);
                let glued = cx.toks[o - 1].end == cx.toks[o].start;
                if cx.kind(o - 1) == Some(TokKind::Word)
                    && is_capitalised(r)
                    && !NOT_SOURCE.contains(&cx.word(o - 1))
                    && !LEADING.contains(&cx.word(o - 1))
                {
                    o -= 1;
                } else if cx.word(o - 1) == "s"
                    && o >= floor + 3
                    && glued
                    && matches!(cx.raw(o - 2), "’" | "'")
                    && cx.toks[o - 3].end == cx.toks[o - 2].start
                    && is_capitalised(cx.raw(o - 3))
                {
                    o -= 3;
                } else {
                    break;
                }
                m += 1;
            }
            if o < q
                && (o == floor
                    || cx.is_stop(o - 1)
                    || matches!(cx.raw(o - 1), "," | "“" | "”" | "\"" | "–" | "—"))
            {
                q = o;
            }
        }
        if q > floor && matches!(cx.word(q - 1), "the" | "a" | "an") {
            // "the IMF said", "the Tax Foundation said", "the White House press office said".
            start = q - 1;
        } else if q < start
            && (q == floor
                || cx.is_stop(q - 1)
                || matches!(cx.raw(q - 1), "," | "“" | "”" | "\"" | "–" | "—"))
        {
            start = q;
        }
        return Some((start, end));
    }
    // A lowercase noun phrase: back to its determiner ("the former president", "officials").
    let mut p = last;
    let mut n = 0;
    while p > floor && n < 5 {
        let q = p - 1;
        // A possessive inside the phrase: "the state’s campaign chairman".
        if matches!(cx.raw(q), "’" | "'")
            && q > floor
            && cx.toks[q - 1].end == cx.toks[q].start
            && cx.toks[q].end == cx.toks[p].start
            && cx.word(p) == "s"
        {
            p = q - 1;
            n += 1;
            continue;
        }
        // A number inside the phrase: "another 19 percent", "63 percent of voters".
        if cx.kind(q) == Some(TokKind::Number)
            && matches!(
                cx.word(p),
                "percent" | "%" | "cent" | "procent" | "prozent" | "ciento" | "cento" | "процентов"
            )
        {
            p = q;
            n += 1;
            continue;
        }
        // An abbreviation inside the phrase: "U.S. senator", "the S.E.C. chairman".
        if cx.raw(q) == "."
            && q > floor
            && !cx.is_stop(q)
            && cx.kind(q - 1) == Some(TokKind::Word)
            && cx.toks[q - 1].end == cx.toks[q].start
        {
            p = q - 1;
            while p > floor
                && cx.raw(p - 1) == "."
                && p >= floor + 2
                && cx.kind(p - 2) == Some(TokKind::Word)
                && cx.toks[p - 1].end == cx.toks[p].start
            {
                p -= 2;
            }
            n += 1;
            continue;
        }
        if cx.kind(q) != Some(TokKind::Word) || cx.is_stop(q) {
            break;
        }
        let wq = cx.word(q);
        // "After campaign aides insisted": the subordinator is not part of the source.
        if LEADING.contains(&wq) && is_capitalised(cx.raw(q)) {
            break;
        }
        if matches!(
            wq,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "some"
                | "many"
                | "two"
                | "three"
                | "several"
                | "other"
                | "den"
                | "det"
                | "der"
                | "die"
                | "ein"
                | "eine"
                | "le"
                | "la"
                | "les"
                | "el"
                | "los"
                | "il"
        ) {
            p = q;
            // "attorneys for the family": a head noun before "for/of the".
            if p >= floor + 2
                && matches!(cx.word(p - 1), "for" | "of" | "at" | "from")
                && cx.kind(p - 2) == Some(TokKind::Word)
                && !NOT_SOURCE.contains(&cx.word(p - 2))
                && !cx.is_stop(p - 2)
            {
                p -= 2;
                n += 2;
                continue;
            }
            break;
        }
        if NOT_SOURCE.contains(&wq) {
            break;
        }
        p = q;
        n += 1;
    }
    start = p;
    // A bare lowercase word right after the sentence start is still a plausible source
    // ("Officials said"), but not inside a clause ("which he said").
    if start == last
        && !(last == floor
            || cx.is_stop(last - 1)
            || matches!(cx.raw(last - 1), "," | ":" | "”" | "\""))
        && !w.ends_with('s')
    {
        return None;
    }
    Some((start, end))
}

/// A source phrase starting at token `i` (after a cue: "said Rep. G.K. Butterfield", "explains
/// Dr. Hab. Łukasz Fyderek", "skriver Rossi"): (first, end exclusive).
fn source_after(cx: &Ctx, i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    let w = cx.word(j);
    if PRONOUNS.contains(&w) {
        return Some((j, j + 1));
    }
    let start = j;
    // "said the Rev. Peter Wherry": a determiner before a title or name.
    if matches!(w, "the" | "a" | "an") && is_capitalised(cx.raw(j + 1)) {
        j += 1;
    }
    let mut seen_name = false;
    let mut n = 0;
    while j < cx.toks.len() && n < 10 {
        let r = cx.raw(j);
        match cx.kind(j) {
            Some(TokKind::Word) if is_capitalised(r) => seen_name = true,
            Some(TokKind::Word) if !seen_name && TITLES.contains(&cx.word(j)) => {}
            Some(TokKind::Word)
                if seen_name && matches!(r, "van" | "von" | "de" | "da" | "del" | "bin" | "al") => {
            }
            Some(TokKind::Punct)
                if matches!(r, "." | "-" | "'" | "’")
                    && j > start
                    && cx.toks[j - 1].end == cx.toks[j].start
                    && !cx.is_stop(j) => {}
            _ => break,
        }
        j += 1;
        n += 1;
    }
    while j > start && cx.kind(j - 1) == Some(TokKind::Punct) && cx.raw(j - 1) != "." {
        j -= 1;
    }
    // "said White House press secretary Josh Earnest": an organisation, a lowercase role and
    // then the name.
    // English only: elsewhere a lowercase word after a name is mostly a preposition
    // ("skriver Alex Rossi för Sky News").
    if seen_name && j < cx.toks.len() && cx.lang == "en" {
        let mut m = j;
        while m < j + 3
            && cx.kind(m) == Some(TokKind::Word)
            && !is_capitalised(cx.raw(m))
            && !NOT_SOURCE.contains(&cx.word(m))
            && cx.cue_at(m).is_none()
            && !TIME_WORDS.contains(&cx.word(m))
            && !cx.word(m).ends_with("ed")
            && !matches!(cx.word(m), "about" | "against" | "into" | "over" | "s")
            && !PREPOSITIONS.contains(&cx.word(m))
        {
            m += 1;
        }
        if m > j
            && cx.kind(m) == Some(TokKind::Word)
            && is_capitalised(cx.raw(m))
            && !cx.is_stop(m.saturating_sub(1))
        {
            let mut e = m;
            while e < m + 4
                && (cx.kind(e) == Some(TokKind::Word) && is_capitalised(cx.raw(e))
                    || (cx.raw(e) == "."
                        && cx.toks[e - 1].end == cx.toks[e].start
                        && !cx.is_stop(e)))
            {
                e += 1;
            }
            return Some((start, e));
        }
    }
    if seen_name {
        return Some((start, j));
    }
    // A lowercase noun phrase: "a spokesman for the company", "officials".
    let mut j = i;
    let mut n = 0;
    let hyphen = |j: usize| {
        cx.raw(j) == "-"
            && j > 0
            && cx
                .toks
                .get(j + 1)
                .is_some_and(|t| t.start == cx.toks[j].end)
            && cx.toks[j - 1].end == cx.toks[j].start
    };
    while j < cx.toks.len()
        && n < 6
        && (cx.kind(j) == Some(TokKind::Word) || hyphen(j))
        && !cx.is_stop(j)
    {
        let wj = cx.word(j);
        if n > 0
            && matches!(
                wj,
                "that"
                    | "on"
                    | "in"
                    | "at"
                    | "after"
                    | "before"
                    | "when"
                    | "during"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "today"
                    | "yesterday"
            )
        {
            break;
        }
        j += 1;
        n += 1;
    }
    (j > i
        && matches!(
            cx.word(i),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "one"
                | "another"
                | "two"
                | "three"
                | "several"
                | "some"
                | "officials"
                | "police"
                | "authorities"
                | "experts"
                | "analysts"
                | "der"
                | "die"
                | "das"
                | "dem"
                | "den"
                | "des"
                | "ein"
                | "eine"
                | "einem"
                | "einer"
                | "eines"
                | "le"
                | "la"
                | "les"
                | "un"
                | "une"
                | "el"
                | "los"
                | "las"
                | "il"
                | "lo"
                | "gli"
                | "det"
        ))
    .then_some((i, j))
}

/// Strips titles and possessive endings from a source string: the name proper.
fn clean_name(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1 {
        let w = words[0].trim_end_matches('.').to_lowercase();
        if TITLES.contains(&w.as_str()) || matches!(w.as_str(), "the" | "a" | "an") {
            words.remove(0);
        } else {
            break;
        }
    }
    // A role before a capitalised name ("press secretary Josh Earnest"): keep the name.
    if let Some(p) = words.iter().position(|w| is_capitalised(w))
        && p > 0
        && words[p..]
            .iter()
            .all(|w| is_capitalised(w) || w.ends_with('.'))
    {
        words.drain(..p);
    }
    let out = words.join(" ");
    out.trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim()
        .to_string()
}

/// The office written before the speaker's name in the source ("British Prime Minister" in
/// "British Prime Minister Theresa May"), when the source is that office and the name only.
fn office_before_name(
    text: &str,
    source: Option<(usize, usize)>,
    name: Option<&str>,
) -> Option<String> {
    let (s, e) = source?;
    let src = text.get(s..e)?.trim();
    let name = name?;
    // "The port director, Karin Sjöholm": the office before an appositive name.
    let prefix = src
        .strip_suffix(name)?
        .trim()
        .trim_end_matches(',')
        .trim_end();
    let prefix = ["the ", "The ", "a ", "A ", "an ", "An "]
        .iter()
        .find_map(|d| prefix.strip_prefix(d))
        .unwrap_or(prefix);
    // "The rescue service": a determiner alone is no office.
    if matches!(prefix, "the" | "The" | "a" | "A" | "an" | "An") {
        return None;
    }
    let words = prefix.split_whitespace().count();
    let plain = prefix
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-');
    if !((1..=6).contains(&words) && plain) {
        return None;
    }
    // A one-word office is a common noun that stands capitalised before the name ("Hamnchefen
    // Karin Sjöholm", "Spokesman John Smith"); after the name it reads lower case ("Karin
    // Sjöholm, hamnchefen"). Abbreviated titles ("Gen.") and acronyms ("CEO") stay as written,
    // and so do longer offices, which may hold proper names ("British Prime Minister").
    let mut chars = prefix.chars();
    let lower_first = words == 1
        && !prefix.ends_with('.')
        && chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase);
    Some(if lower_first {
        let first = prefix.chars().next().map_or(0, char::len_utf8);
        prefix[..first].to_lowercase() + &prefix[first..]
    } else {
        prefix.to_string()
    })
}

/// Role, affiliation and outlet after a source: ", a national security expert at the
/// University of New Haven", "of the Center for … at Georgetown University", "för Sky News".
fn speaker_details(cx: &Ctx, after: usize) -> (Option<String>, Option<String>, Option<String>) {
    let (mut role, mut aff, mut outlet) = (None, None, None);
    let mut j = after;
    // Skip a parenthesis ("(D-N.C.)").
    if cx.raw(j) == "(" {
        let mut n = 0;
        while j < cx.toks.len() && cx.raw(j) != ")" && n < 10 {
            j += 1;
            n += 1;
        }
        j += 1;
    }
    let clause_end = |from: usize| -> usize {
        let mut e = from;
        let mut n = 0;
        while e < cx.toks.len() && n < 25 {
            // "a driver from Szczecin who was taking a load home": a relative clause ends it.
            if cx.is_stop(e)
                || matches!(
                    cx.raw(e),
                    "," | ";" | ":" | "–" | "—" | "“" | "”" | "\"" | "("
                )
                || (n > 0 && RELATIVE_PRONOUNS.contains(&cx.word(e)))
            {
                break;
            }
            e += 1;
            n += 1;
        }
        e
    };
    let span_text = |a: usize, b: usize| -> Option<String> {
        if b <= a {
            return None;
        }
        let s = cx.toks.get(a)?.start;
        let e = cx.toks.get(b - 1)?.end;
        Some(cx.text.get(s..e)?.trim().to_string())
    };
    let strip_the = |s: String| -> String {
        for p in ["the ", "The "] {
            if let Some(r) = s.strip_prefix(p) {
                return r.to_string();
            }
        }
        s
    };
    let w = cx.word(j);
    if matches!(
        w,
        "for" | "för" | "dla" | "für" | "pour" | "para" | "per" | "для"
    ) && is_capitalised(cx.raw(j + 1))
    {
        let e = clause_end(j + 1);
        outlet = span_text(j + 1, e);
    } else if matches!(
        w,
        "of" | "from"
            | "at"
            | "z"
            | "ze"
            | "från"
            | "vid"
            | "vom"
            | "von"
            | "de"
            | "du"
            | "del"
            | "della"
            | "из"
    ) {
        let e = clause_end(j + 1);
        // A preposition that governs a case stays: "z firmy transportowej", "von der Polizei"
        // read as an affiliation; "firmy transportowej" alone is a genitive fragment.
        let from = if matches!(w, "z" | "ze" | "von" | "vom" | "из") {
            j
        } else {
            j + 1
        };
        aff = span_text(from, e).map(strip_the);
    } else if cx.raw(j) == ","
        && (ROLE_DETERMINERS.contains(&cx.word(j + 1)) || bare_role(cx, j + 1))
    {
        let e = clause_end(j + 1);
        (role, aff) = split_role(cx, j + 1, e);
    }
    (role, aff, outlet)
}

/// Relative pronouns: they end a role or an affiliation ("from Szczecin who was …").
const RELATIVE_PRONOUNS: &[&str] = &[
    "who",
    "whose",
    "which",
    "som",
    "który",
    "która",
    "które",
    "którzy",
    "qui",
    "quien",
    "che",
    "который",
    "которая",
    "которые",
];

/// Words that open an appositive role after a name (", a spokesman", ", die Sprecherin").
const ROLE_DETERMINERS: &[&str] = &[
    "a", "an", "the", "en", "ett", "ein", "eine", "der", "die", "un", "une", "la", "le", "el",
    "il", "lo", "who", "som",
];

/// Lowercase words after ", " that start a clause, not a role ("…, said Lind, adding …").
const NOT_ROLE: &[&str] = &[
    "and",
    "but",
    "or",
    "who",
    "which",
    "that",
    "as",
    "while",
    "although",
    "though",
    "because",
    "when",
    "after",
    "before",
    "according",
    "if",
    "so",
    "then",
    "not",
    "och",
    "men",
    "att",
    "som",
    "eller",
    "när",
    "och",
    "i",
    "a",
    "ale",
    "że",
    "który",
    "która",
    "którzy",
    "gdy",
    "oraz",
    "und",
    "aber",
    "dass",
    "oder",
    "weil",
    "als",
    "wenn",
    "et",
    "mais",
    "que",
    "qui",
    "ou",
    "quand",
    "y",
    "pero",
    "o",
    "cuando",
    "e",
    "ma",
    "che",
    "quando",
    "и",
    "но",
    "что",
    "а",
    "который",
    "которая",
    "когда",
    "he",
    "she",
    "they",
    "it",
    "we",
    "han",
    "hon",
    "de",
    "er",
    "sie",
    "es",
    "il",
    "elle",
    "ils",
    "on",
    "ona",
    "oni",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "said",
    "says",
    "told",
    "added",
];

/// A role noun without a determiner right after a name: "…, säger Marta Lind, driftchef på
/// X", "…, powiedziała Lind, szefowa operacji", "…, dijo Lind, jefa de operaciones". Its
/// phrase must end the sentence soon (a clause running on is not an appositive).
fn bare_role(cx: &Ctx, i: usize) -> bool {
    let w = cx.word(i);
    if cx.kind(i) != Some(TokKind::Word)
        || is_capitalised(cx.raw(i))
        || NOT_ROLE.contains(&w)
        || CUE_INDEX.contains_key(w)
        || w.ends_with("ing")
    {
        return false;
    }
    let mut e = i;
    while e < cx.toks.len() && e < i + 12 {
        if cx.is_stop(e) || matches!(cx.raw(e), "“" | "”" | "\"" | "„" | "«" | "»" | "–" | "—")
        {
            return true;
        }
        if matches!(cx.raw(e), "," | ";" | ":") {
            return false;
        }
        e += 1;
    }
    e >= cx.toks.len()
}

/// Splits the role phrase of tokens `[from, e)` at a preposition before a capitalised name:
/// "a national security expert at the University of New Haven" → (role, affiliation).
fn split_role(cx: &Ctx, from: usize, e: usize) -> (Option<String>, Option<String>) {
    let span_text = |a: usize, b: usize| -> Option<String> {
        if b <= a {
            return None;
        }
        let s = cx.toks.get(a)?.start;
        let e = cx.toks.get(b - 1)?.end;
        Some(cx.text.get(s..e)?.trim().to_string())
    };
    let mut k = from;
    while k < e {
        if matches!(
            cx.word(k),
            "at" | "of"
                | "from"
                | "with"
                | "vid"
                | "på"
                | "hos"
                | "w"
                | "an"
                | "bei"
                | "à"
                | "en"
                | "di"
                | "в"
        ) && k > from
            && (cx.word(from) != "the" || k > from + 1)
            && (is_capitalised(cx.raw(k + 1))
                || (matches!(cx.word(k + 1), "the" | "la" | "le" | "der" | "die" | "den")
                    && is_capitalised(cx.raw(k + 2))))
            && !(cx.lang == "de" && cx.word(k) != "bei")
        {
            break;
        }
        k += 1;
    }
    let role = span_text(from, k);
    let aff = if k < e {
        span_text(k + 1, e).map(|s| {
            for p in ["the ", "The "] {
                if let Some(r) = s.strip_prefix(p) {
                    return r.to_string();
                }
            }
            s
        })
    } else {
        None
    };
    (role, aff)
}

/// A found attribution: cue, source, and details.
#[derive(Debug, Clone, Default)]
struct Attr {
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
    role: Option<String>,
    affiliation: Option<String>,
    outlet: Option<String>,
}

fn byte_span(cx: &Ctx, a: usize, b: usize) -> Option<(usize, usize)> {
    if b <= a {
        return None;
    }
    Some((cx.toks.get(a)?.start, cx.toks.get(b - 1)?.end))
}

fn make_attr(cx: &Ctx, cue: (usize, usize), src: Option<(usize, usize)>) -> Attr {
    let (mut role, mut affiliation, outlet) = match src {
        Some((_, e)) => speaker_details(cx, e),
        None => (None, None, None),
    };
    // An appositive inside the source ("Marta Lind, the company's head of operations, said"):
    // the name is before the comma, the role after it.
    if let Some((s, e)) = src
        && let Some(c) = (s..e).find(|&t| cx.raw(t) == ",")
        && c > s
        && c + 1 < e
        && role.is_none()
    {
        let (r, a) = split_role(cx, c + 1, e);
        role = r;
        if affiliation.is_none() {
            affiliation = a;
        }
    }
    Attr {
        cue: byte_span(cx, cue.0, cue.1 + 1),
        source: src.and_then(|(a, b)| byte_span(cx, a, b)),
        role,
        affiliation,
        outlet,
    }
}

/// The attribution right after a quoted region ending before token `j`, on the same line.
fn attribution_after(cx: &Ctx, j: usize, region_ends_sentence: bool) -> Option<Attr> {
    let mut k = j;
    let mut dash = None;
    while matches!(cx.raw(k), "," | "–" | "—" | "-" | "―") {
        if cx.raw(k) != "," {
            dash = Some(k);
        }
        k += 1;
    }
    if cx.kind(k) != Some(TokKind::Word) {
        return None;
    }
    // “…” ― Carla Sanchez: a signature line.
    if let Some(d) = dash
        && is_capitalised(cx.raw(k))
        && let Some(src) = source_after(cx, k)
        && (src.1 >= cx.toks.len()
            || matches!(cx.kind(src.1), Some(TokKind::Newline))
            || cx.raw(src.1) == ","
            || cx.is_stop(src.1))
        && cx.cue_at(k).is_none()
    {
        return Some(make_attr(cx, (d, d), Some(src)));
    }
    // CUE SOURCE: "said Rep. X", "explains Dr. X", "skriver Rossi".
    if let Some((ce, _)) = cx.cue_at(k) {
        let src = source_after(cx, ce + 1);
        // Without a source, the quote must close its clause ("“…,” said the …") or be
        // dash speech: "the ad “unmistakably and wrongfully” suggests that …" runs on.
        let closes = j < 2
            || matches!(cx.raw(j - 2), "," | "!" | "?")
            || !matches!(cx.raw(j - 1), "”" | "\"" | "“" | "»" | "«" | "’" | "'");
        if src.is_some() || (!region_ends_sentence && closes) {
            return Some(make_attr(cx, (k, ce), src));
        }
    }
    // SOURCE CUE: "Clinton said", "White House press secretary Josh Earnest said".
    let mut m = k;
    let mut n = 0;
    // Long enough for "Rep. John Mica (R-Fla.) said".
    while m < cx.toks.len() && n < 14 {
        if cx.is_stop(m)
            || matches!(cx.kind(m), Some(TokKind::Newline))
            || matches!(cx.raw(m), "“" | "”" | "\"" | "„" | "«" | "»" | ";")
        {
            break;
        }
        if m > k
            && let Some((ce, sf)) = cx.cue_at(m)
            && !sf
        {
            let src = source_before(cx, m, k)?;
            if src.0 != k {
                return None;
            }
            // A new sentence after a closed quote is attribution only when it ends soon.
            if region_ends_sentence {
                let mut e = ce + 1;
                let mut left = 6;
                while left > 0 && e < cx.toks.len() && !cx.is_stop(e) {
                    e += 1;
                    left -= 1;
                }
                if left == 0 {
                    return None;
                }
            }
            return Some(make_attr(cx, (m, ce), Some(src)));
        }
        m += 1;
        n += 1;
    }
    None
}

/// The attribution right before a quoted region starting at token `j`: "X said: “…”".
fn attribution_before(cx: &Ctx, j: usize, floor: usize, words: usize) -> Option<Attr> {
    // A short quoted phrase right after a verb ("said Trump has “enormous respect”") is part
    // of reported speech, not a quote of its own: require ":" or "," unless it is long.
    if words < 4 && !(j > floor && matches!(cx.raw(j - 1), ":" | ",")) {
        return None;
    }
    let mut k = j;
    // Skip ":" / "," and up to seven words between cue and quote ("told CNN:", "saying
    // anybody who complains “…”").
    let mut skipped = 0;
    let floor = floor.max(j.saturating_sub(16));
    while k > floor && skipped < 8 {
        k -= 1;
        let r = cx.raw(k);
        if matches!(r, ":" | ",") {
            continue;
        }
        if cx.kind(k) != Some(TokKind::Word) {
            return None;
        }
        // Find a cue ending at k.
        let mut s = k;
        let mut back = 0;
        while back < 3 {
            if let Some((ce, sf)) = cx.cue_at(s)
                && ce == k
            {
                if sf {
                    let src = source_after(cx, ce + 1);
                    return Some(make_attr(cx, (s, ce), src));
                }
                let src = source_before(cx, s, floor);
                // "… through what she calls “a war of words”": a relative clause names the
                // words inside someone's reported speech, not a quote of its own.
                if let Some((ss, _)) = src
                    && ss > 0
                    && WHAT.contains(&cx.word(ss - 1))
                {
                    return None;
                }
                return Some(make_attr(cx, (s, ce), src));
            }
            if s == floor {
                break;
            }
            s -= 1;
            back += 1;
        }
        skipped += 1;
    }
    None
}

/// The complementizer that opens reported speech after a short addressee or adjunct between
/// a cue (its first token at `cue`) and the content, searched from token `from` to `to`:
/// "told the local paper that", "said on the radio that", "telling members of the union that".
fn complementizer_after_adjunct(cx: &Ctx, from: usize, to: usize, cue: usize) -> Option<usize> {
    let to = to.min(from + 10);
    let m = (from..to).find(|&t| COMPLEMENTIZERS.contains(&cx.word(t)))?;
    let tell = TELL_CUES.contains(&cx.word(cue));
    (m > from
        && (from..m).all(|t| {
            !cx.is_stop(t)
                && cx.cue_at(t).is_none()
                && (tell || (cx.lang == "en" && skippable_complement(cx, t)))
        }))
    .then_some(m)
}

/// The opening words of a sentence interrupted by an attribution that starts at byte `src`
/// ("Storage costs, the manager added, were …"): the span from the sentence start (not below
/// token `floor`) to the comma right before the source, when there is one and it is short.
fn parenthetical_lead(cx: &Ctx, src: usize, floor: usize) -> Option<(usize, usize)> {
    let s = cx.tok_at(src);
    if s == 0 || cx.raw(s - 1) != "," {
        return None;
    }
    let comma = s - 1;
    let mut p = comma;
    while p > floor && comma - p < 40 && !cx.is_stop(p - 1) {
        p -= 1;
    }
    let at_start = p == floor || (p > 0 && cx.is_stop(p - 1));
    if !at_start || p >= comma {
        return None;
    }
    // "In a statement, Smith said, …": an opening adjunct is not reported speech.
    if PREPOSITIONS.contains(&cx.word(p)) {
        return None;
    }
    byte_span(cx, p, comma)
}

/// "what" in "what she calls “…”", in the supported languages.
const WHAT: &[&str] = &[
    "what", "vad", "co", "was", "ce", "lo", "quello", "ciò", "что",
];

/// The first `max` bytes of `s` at most, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut e = max;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

/// Word characters of `spans` inside quoted regions: the quote kind.
fn kind_of(text: &str, spans: &[(usize, usize)], regions: &[(usize, usize)]) -> QuoteKind {
    let (mut inside, mut total) = (0usize, 0usize);
    for &(s, e) in spans {
        for (off, c) in text.get(s..e).unwrap_or("").char_indices() {
            if c.is_alphanumeric() {
                total += 1;
                let b = s + off;
                let r = regions.partition_point(|&(_, re)| re <= b);
                if regions.get(r).is_some_and(|&(rs, _)| rs <= b) {
                    inside += 1;
                }
            }
        }
    }
    if total == 0 || inside == 0 {
        QuoteKind::Indirect
    } else if inside * 10 >= total * 9 {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}

/// [`word_count`], stopping once `limit` words are seen (cheap on long spans).
fn word_count_upto(text: &str, (s, e): (usize, usize), limit: usize) -> usize {
    text.get(s..e)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(limit)
        .count()
}

fn word_count(text: &str, (s, e): (usize, usize)) -> usize {
    text.get(s..e)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Finds the quotes of `text` (tokenized as `toks`), resolving speakers against `ents`.
pub fn find_quotes(text: &str, toks: &[Tok], lang: &str, ents: &[EntityRec]) -> Vec<QuoteRec> {
    let lower = crate::text::lower_words(text, toks);
    let mut person_mentions = Vec::new();
    let mut person_suffixes: HashMap<&str, &str> = HashMap::new();
    for e in ents.iter().filter(|e| e.kind == crate::EntityKind::Person) {
        person_mentions.extend(e.mentions.iter().map(|&(s, x)| (s, x, e.name.as_str())));
        let name = e.name.as_str();
        for (i, c) in name.char_indices().filter(|&(_, c)| c == ' ').take(8) {
            let suffix = name.get(i + c.len_utf8()..).unwrap_or("");
            if !suffix.is_empty() {
                person_suffixes.entry(suffix).or_insert(name);
            }
        }
    }
    person_mentions.sort_unstable();
    let cx = Ctx {
        text,
        toks,
        lower,
        lang,
        person_mentions,
        person_suffixes,
    };
    let mut out: Vec<QuoteRec> = Vec::new();
    let mut all_regions: Vec<(usize, usize)> = Vec::new();
    let mut base = 0;
    let mut para_no = 0usize;
    // (paragraph number, speaker name, source span, outlet) of the last attributed quote.
    let mut last: Option<LastSpeaker> = None;
    let mut last_name: Option<String> = None;
    for line in text.split('\n') {
        let line_start = base;
        base += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        para_no += 1;
        let regions = line_regions(line, line_start);
        all_regions.extend_from_slice(&regions);
        let line_end = line_start + line.len();
        let first_tok = cx.tok_at(line_start);
        let mut para_quotes: Vec<(QuoteRec, bool)> = Vec::new(); // (quote, attributed)
        // 1. Direct quotes.
        let mut r = 0;
        while r < regions.len() {
            let (mut rs, mut re) = regions[r];
            // Dash speech without a closing dash: cut at ", CUE" near its end.
            let is_dash_region = text.get(rs..).is_some_and(|s| s.starts_with(is_dash));
            if is_dash_region && re == line_start + line.trim_end().len() {
                let (a, b) = (cx.tok_at(rs), cx.tok_at(re));
                for k in (a..b).rev() {
                    if b - k >= 14 {
                        break;
                    }
                    // ", explains Schmidt." or ", Byman explains."
                    let cue_next = cx.cue_at(k + 1).is_some()
                        || (k + 2..(k + 6).min(b)).any(|m| {
                            cx.cue_at(m).is_some()
                                && (k + 1..m).all(|n| is_capitalised(cx.raw(n)) || cx.raw(n) == ".")
                        });
                    if cx.raw(k) == "," && cue_next {
                        re = cx.toks[k].start;
                        break;
                    }
                }
            }
            let mut segments = vec![(rs, re)];
            let after_tok = cx.tok_at(re);
            let inner = text.get(rs..re).unwrap_or("");
            let ends_sentence = inner
                .trim_end_matches(|c: char| {
                    !c.is_alphanumeric() && c != '.' && c != '!' && c != '?'
                })
                .ends_with(['.', '!', '?']);
            let mut attr = attribution_after(&cx, after_tok, ends_sentence);
            // “A,” she said, “B”: the next region right after the attribution joins this quote.
            if let Some(a) = &attr
                && let Some(&(ns, ne)) = regions.get(r + 1)
            {
                let attr_end = a.source.map_or(0, |s| s.1).max(a.cue.map_or(0, |c| c.1));
                let gap = text.get(attr_end..ns).unwrap_or("x");
                let rest = gap.trim_matches(|c: char| {
                    c.is_whitespace() || c == ',' || c == '.' || c == ':' || is_dash(c)
                });
                // The attribution's own tail ("…, a former official.") may sit in the gap when
                // it ends the sentence right before the next quote.
                // The tail may be long ("said Kevin Barrett, a lawyer at …, who represents …")
                // as long as it is one sentence.
                let tail_ends_sentence = gap.len() < 320
                    && gap.trim_end().ends_with(['.', ',', ':'])
                    && !gap.contains(['“', '”', '"', '„', '«', '»'])
                    && (cx.tok_at(attr_end)..cx.tok_at(ns))
                        .filter(|&t| cx.is_stop(t))
                        .count()
                        <= 1;
                // The next quote must stand alone: nothing but punctuation after it on its
                // sentence ("“B” to drive up the price" is reported speech of its own).
                let after = prefix(text.get(ne..).unwrap_or(""), 256);
                let after = after.split('\n').next().unwrap_or("");
                let inner_end = text.get(ns..ne).unwrap_or("").trim_end_matches(|c: char| {
                    !c.is_alphanumeric() && !matches!(c, '.' | '?' | '!')
                });
                let alone = inner_end.ends_with(['.', '?', '!'])
                    || after.trim_start().is_empty()
                    || after
                        .trim_start()
                        .starts_with(|c: char| !c.is_alphanumeric());
                // “A,” she said. “B,” she said.: in English a next quote with an attribution of
                // its own is another quote (other languages let it join).
                let own_attribution = || attribution_after(&cx, cx.tok_at(ne), false).is_some();
                if (rest.len() < 30 || tail_ends_sentence)
                    && !gap.contains('\n')
                    && attr_end > re
                    && if cx.lang == "en" {
                        alone && !own_attribution()
                    } else {
                        alone || own_attribution()
                    }
                {
                    segments.push((ns, ne));
                    r += 1;
                }
            }
            // "The plan is ''a misguided approach,'' Mr. Burman said.": quoted words closing a
            // sentence that the speaker is credited with make the whole sentence the quote.
            if attr.is_some() && segments.len() == 1 {
                let floor = first_tok.max(if r > 0 {
                    cx.tok_at(regions[r - 1].1)
                } else {
                    0
                });
                let rt = cx.tok_at(rs);
                let mut p = rt;
                while p > floor && rt - p < 60 && !cx.is_stop(p - 1) {
                    p -= 1;
                }
                let at_start = p == first_tok || (p > 0 && cx.is_stop(p - 1));
                let lead = text
                    .get(cx.toks.get(p).map_or(rs, |t| t.start)..rs)
                    .unwrap_or("");
                // "He had “wanted to …,” she said.", "Manafort “has taken …,” he said.": a
                // capitalised subject of one or two words opens the quote as well.
                let lead_words = word_count(text, (rs - lead.len(), rs));
                if at_start
                    && p >= floor
                    && (lead_words >= 3 || (lead_words >= 1 && is_capitalised(lead)))
                    && !lead
                        .trim_end()
                        .ends_with([':', ',', '—', '–', '-', '“', '"', '„', '«'])
                {
                    segments[0].0 = rs - lead.len();
                }
            }
            if attr.is_none() {
                let floor = first_tok.max(if r > 0 {
                    cx.tok_at(regions[r - 1].1)
                } else {
                    0
                });
                let words: usize = segments.iter().map(|&s| word_count(text, s)).sum();
                attr = attribution_before(&cx, cx.tok_at(rs), floor, words);
                // "saying he “has offended …”": the quoted words continue reported speech
                // that starts right after the cue.
                if let Some(c) = attr.as_ref().and_then(|a| a.cue) {
                    let between_raw = text.get(c.1..segments[0].0).unwrap_or("");
                    // "Storage costs, the manager added, were “…”": the comma that closes a
                    // parenthetical attribution is not content.
                    let parenthetical = between_raw.trim_start().starts_with(',');
                    let between = between_raw.trim_start().trim_start_matches(',').trim();
                    // "said via email that, “…”": the content opens at the complementizer.
                    let that = between.strip_suffix(',').map(str::trim_end).and_then(|b| {
                        ["that", "att", "dass", "que", "che", "że"]
                            .iter()
                            .find(|w| {
                                b.strip_suffix(**w)
                                    .is_some_and(|r| r.is_empty() || r.ends_with(' '))
                            })
                            .map(|w| b.len() - w.len())
                    });
                    // "said that in any case, “…”": the complementizer opens the
                    // content even when an adjunct and its comma come before the quote.
                    let opens_that = ["that ", "att ", "dass ", "que ", "che ", "że "]
                        .iter()
                        .any(|w| between.starts_with(w));
                    if !between.is_empty()
                        && (!between.ends_with([':', ',']) || that.is_some() || opens_that)
                        && between.len() < 80
                    {
                        let off = text.get(c.1..).map_or(0, |t| {
                            t.len() - t.trim_start().trim_start_matches(',').trim_start().len()
                        });
                        segments[0].0 = c.1 + off + that.unwrap_or(0);
                        // "told the local paper that …", "said on the radio that …", "telling
                        // members of the union that …": an addressee or adjunct before the
                        // complementizer is not content.
                        if that.is_none()
                            && let Some(m) = complementizer_after_adjunct(
                                &cx,
                                cx.tok_at(segments[0].0),
                                cx.tok_at(rs),
                                cx.tok_at(c.0),
                            )
                        {
                            segments[0].0 = cx.toks[m].start;
                        }
                        // … and runs on to the end of the clause.
                        let from = cx.tok_at(segments[0].1);
                        let mut stop = from;
                        while stop < cx.toks.len() && stop < from + 80 && !cx.is_stop(stop) {
                            stop += 1;
                        }
                        let e = clause_end(&cx, from, stop);
                        if e > from
                            && let Some(t) = cx.toks.get(e - 1)
                            && !text
                                .get(segments[0].1..t.end)
                                .unwrap_or("")
                                .contains(['“', '"', '„', '«'])
                        {
                            segments[0].1 = segments[0].1.max(t.end);
                        }
                        // "The mill, Berg said, has been …": the words before the
                        // parenthetical attribution open the same quote.
                        if parenthetical
                            && let Some(lead) = attr
                                .as_ref()
                                .and_then(|a| a.source)
                                .filter(|s| s.0 < c.0)
                                .and_then(|s| parenthetical_lead(&cx, s.0, floor))
                        {
                            segments.insert(0, lead);
                        }
                    }
                }
            }
            r += 1;
            let words: usize = segments.iter().map(|&s| word_count(text, s)).sum();
            let attributed = attr.is_some();
            if words < 3 && !attributed {
                continue;
            }
            if words < 2 {
                continue;
            }
            let a = attr.unwrap_or_default();
            rs = segments[0].0;
            let _ = rs;
            para_quotes.push((
                QuoteRec {
                    kind: QuoteKind::Direct,
                    content: segments,
                    cue: a.cue,
                    source: a.source,
                    speaker_name: None,
                    role: a.role,
                    affiliation: a.affiliation,
                    outlet: a.outlet,
                },
                attributed,
            ));
        }
        // Transcripts and headlines: "PENCE: Well, look, …", "Pat Caddell: Democrat voters …".
        if let Some(q) = speaker_line(&cx, first_tok, cx.tok_at(line_end)) {
            para_quotes.push((q, true));
        }
        // 2. Indirect quotes: sentences of the line.
        let mut sent_start = first_tok;
        let mut k = first_tok;
        let last_tok = cx.tok_at(line_end);
        let mut sentences: Vec<(usize, usize)> = Vec::new();
        // Direct quotes and their cues, which indirect speech must not overlap.
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (q, attributed) in &para_quotes {
            if *attributed {
                taken.extend(q.content.iter().copied());
                taken.extend(q.cue);
            }
        }
        let taken = disjoint(taken);
        while k <= last_tok {
            let at_end = k == last_tok || cx.is_stop(k);
            if at_end {
                if k > sent_start {
                    let para_start = line_start + (line.len() - line.trim_start().len());
                    indirect_in_sentence(
                        &cx,
                        para_start,
                        (sent_start, k),
                        &regions,
                        &taken,
                        &mut para_quotes,
                    );
                    sentences.push((sent_start, k));
                }
                sent_start = k + 1;
            }
            k += 1;
        }
        // German reported speech without a verb of saying: a sentence in the subjunctive
        // (Konjunktiv I: "sei", "habe", "könne") continues the previous speaker's words.
        if lang == "de" {
            let taken = disjoint(
                para_quotes
                    .iter()
                    .flat_map(|(q, _)| q.content.iter().copied())
                    .collect(),
            );
            for &(a, b) in &sentences {
                let (s, e) = (
                    cx.toks[a].start,
                    cx.toks.get(b.saturating_sub(1)).map_or(0, |t| t.end),
                );
                if e <= s || overlaps(&taken, s, e) || overlaps(&regions, s, e) {
                    continue;
                }
                // "…, dass …" after a verb of saying or thinking: the clause is the content.
                if let Some(d) = (a + 2..b).find(|&t| {
                    cx.word(t) == "dass"
                        && cx.raw(t - 1) == ","
                        && !matches!(cx.word(t - 2), "so" | "ohne" | "als" | "statt")
                }) && b > d + 3
                {
                    let e = cx.text.get(cx.toks[d].start..e).map_or(e, |t| {
                        cx.toks[d].start + t.trim_end_matches(['.', ' ', ';', ':']).len()
                    });
                    para_quotes.push((
                        QuoteRec {
                            kind: QuoteKind::Indirect,
                            content: vec![(cx.toks[d].start, e)],
                            cue: byte_span(&cx, d - 2, d - 1),
                            source: None,
                            speaker_name: None,
                            role: None,
                            affiliation: None,
                            outlet: None,
                        },
                        false,
                    ));
                    continue;
                }
                if (a..b).any(|t| KONJUNKTIV.contains(&cx.word(t))) && b - a >= 4 {
                    let e = cx
                        .text
                        .get(s..e)
                        .map_or(e, |t| s + t.trim_end_matches(['.', ' ', ';', ':']).len());
                    para_quotes.push((
                        QuoteRec {
                            kind: QuoteKind::Indirect,
                            content: vec![(s, e)],
                            cue: None,
                            source: None,
                            speaker_name: None,
                            role: None,
                            affiliation: None,
                            outlet: None,
                        },
                        false,
                    ));
                }
            }
        }
        para_quotes.sort_by_key(|(q, _)| q.content.first().map_or(0, |s| s.0));
        // An unattributed quoted phrase inside reported speech belongs to that quote.
        let attributed_spans = disjoint(
            para_quotes
                .iter()
                .filter(|(_, a)| *a)
                .flat_map(|(q, _)| q.content.iter().copied())
                .collect(),
        );
        para_quotes.retain(|(q, a)| {
            *a || !q
                .content
                .iter()
                .any(|&(s, e)| overlaps(&attributed_spans, s, e))
        });
        // 3. Speakers: resolve names, carry over to unattributed quote paragraphs.
        for (mut q, attributed) in para_quotes {
            if attributed {
                let name = q.source.map(|s| resolve(&cx, s, last_name.as_deref()));
                q.speaker_name = name.clone().flatten();
                // An appositive name taken for a role ("The port director, Karin Sjöholm,
                // said") gives way to the office before it.
                if q.role.is_none() || q.role == q.speaker_name {
                    q.role = office_before_name(text, q.source, q.speaker_name.as_deref());
                }
                if q.speaker_name.is_some() {
                    last_name = q.speaker_name.clone();
                }
                last = Some((para_no, q.speaker_name.clone(), q.source, q.outlet.clone()));
            } else if q.kind == QuoteKind::Direct
                && let Some(prev) = out.last_mut()
                && joins_previous(&cx, prev, &q, line_start)
            {
                // “A,” she said. “B.”: a quoted sentence right after an attributed one in the
                // same paragraph goes on with the same quote.
                prev.content.extend_from_slice(&q.content);
                continue;
            } else if let Some((p, name, src, outlet)) = &last
                && para_no - p <= 2
                && (q.kind == QuoteKind::Indirect
                    || q.content.first().is_some_and(|&(s, _)| {
                        s <= line_start + (line.len() - line.trim_start().len()) + 3
                    }))
            {
                // The speaker carries over; the source is the span that named them.
                q.speaker_name = name.clone();
                q.outlet = outlet.clone();
                q.source = *src;
                last = Some((para_no, name.clone(), *src, outlet.clone()));
            } else if word_count(text, (q.content[0].0, q.content[q.content.len() - 1].1)) < 6 {
                continue;
            }
            out.push(q);
        }
        // "The New York Times reports:" introduces the quote paragraph that follows.
        let lt = cx.tok_at(line_end);
        if lt > first_tok + 1 && cx.raw(lt - 1) == ":" {
            let mut c = lt - 1;
            while c > first_tok
                && cx.kind(c - 1) == Some(TokKind::Word)
                && cx.cue_at(c - 1).is_none()
                && lt - c < 4
            {
                c -= 1;
            }
            if c > first_tok
                && let Some((ce, false)) = cx.cue_at(c - 1)
                && ce < lt
                && let Some(src) = source_before(&cx, c - 1, first_tok)
                && let Some(sb) = byte_span(&cx, src.0, src.1)
            {
                let name = resolve(&cx, sb, last_name.as_deref());
                last = Some((para_no, name, Some(sb), None));
            }
        }
    }
    all_regions.sort_unstable();
    // A speaker's outlet, once stated ("skriver Alex Rossi för Sky News"), holds for their
    // other quotes.
    let mut outlets: HashMap<String, String> = HashMap::new();
    for q in &out {
        if let (Some(n), Some(o)) = (&q.speaker_name, &q.outlet) {
            outlets.entry(n.clone()).or_insert_with(|| o.clone());
        }
    }
    for q in &mut out {
        if q.outlet.is_none()
            && let Some(o) = q.speaker_name.as_ref().and_then(|n| outlets.get(n))
        {
            q.outlet = Some(o.clone());
        }
    }
    for q in &mut out {
        if let Some(first) = q.content.first_mut() {
            *first = medium_adjunct_trim(&cx, *first, &all_regions);
        }
        q.kind = kind_of(text, &q.content, &all_regions);
        if lang == "en" && content_conventions(&cx, q) {
            q.kind = kind_of(text, &q.content, &all_regions);
        }
    }
    out.retain(|q| !q.content.is_empty());
    out
}

/// Relative words that open a clause whose verb the attribution interrupts ("which he said
/// was …").
const RELATIVE_OPENERS: &[&str] = &["which", "what", "who", "whom"];

/// Prepositions before a relative word that make it an adjunct ("in which he said …"), not
/// the subject of the reported clause.
const RELATIVE_AFTER_PREPOSITION: &[&str] = &[
    "in", "of", "to", "for", "with", "on", "at", "by", "from", "about", "under", "through",
    "during", "between",
];

/// Words that belong to the cue when they follow it right away: a particle ("called out",
/// "ruled out") or a preposition the verb governs ("argued for", "commented on").
const CUE_PARTICLES: &[&str] = &["out", "for", "on"];

/// The content boundaries of English news annotation (PolNeAR's conventions), applied to a
/// finished quote; returns whether a boundary moved.
///
/// * "which he said was …": a relative word right before the source opens the content as a
///   segment of its own ("which" + "was …");
/// * "called out …", "argued for …", "commented on …": a particle or governed preposition right
///   after the cue is part of the cue, not of the content;
/// * "Fiorina “was …” and shared in “…”": segments with nothing of the attribution between
///   them and no sentence end are one continuous content;
/// * "(The owner said the timing was unrelated.) Workers …": the content ends before a
///   closing parenthesis it never opened (and the stop before it).
fn content_conventions(cx: &Ctx, q: &mut QuoteRec) -> bool {
    let text = cx.text;
    let mut moved = false;
    let is_blank = |a: usize, b: usize| text.get(a..b).is_some_and(|t| t.trim().is_empty());
    if let (Some(cue), Some(&(cs, ce))) = (q.cue, q.content.first())
        && cs >= cue.1
        && is_blank(cue.1, cs)
    {
        let first = cx.tok_at(cs);
        if let Some(src) = q.source
            && src.1 <= cue.0
            && !matches!(cx.word(first), "that" | "as")
        {
            let st = cx.tok_at(src.0);
            if st > 0
                && cx.kind(st - 1) == Some(TokKind::Word)
                && RELATIVE_OPENERS.contains(&cx.word(st - 1))
                && !(st >= 2 && RELATIVE_AFTER_PREPOSITION.contains(&cx.word(st - 2)))
            {
                let rel = &cx.toks[st - 1];
                q.content.insert(0, (rel.start, rel.end));
                moved = true;
            }
        }
        // The particle is followed by a space and at least one more word of the content.
        if !moved
            && CUE_PARTICLES.contains(&cx.word(first))
            && !TIME_WORDS.contains(&cx.word(first + 1))
            && cx.kind(first + 1) == Some(TokKind::Word)
            && let (Some(particle), Some(next)) = (cx.toks.get(first), cx.toks.get(first + 1))
            && next.end <= ce
            && next.start > particle.end
        {
            q.content[0].0 = cx.toks[first + 1].start;
            moved = true;
        }
    }
    if q.content.len() > 1 {
        let inside = |span: Option<(usize, usize)>, a: usize, b: usize| {
            span.is_some_and(|(s, e)| s >= a && e <= b)
        };
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(q.content.len());
        for &(s, e) in &q.content {
            if let Some(last) = merged.last_mut() {
                let gap = text.get(last.1..s).unwrap_or("\n");
                let stop = gap.char_indices().any(|(i, c)| {
                    matches!(c, '.' | '!' | '?') && gap[i + 1..].starts_with(char::is_whitespace)
                });
                if s >= last.1
                    && !inside(q.cue, last.1, s)
                    && !inside(q.source, last.1, s)
                    && !gap.contains('\n')
                    && !stop
                {
                    last.1 = e;
                    moved = true;
                    continue;
                }
            }
            merged.push((s, e));
        }
        q.content = merged;
    }
    let direct = q.kind == QuoteKind::Direct;
    for seg in &mut q.content {
        let t = text.get(seg.0..seg.1).unwrap_or("");
        let mut depth = 0usize;
        let close = t.char_indices().find_map(|(i, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(i),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        if let Some(i) = close {
            let mut body = t[..i].trim_end_matches(|c: char| c.is_whitespace() || c == '.');
            if !direct {
                body = body.trim_end_matches([' ', '.', ',', ';', ':']);
            }
            seg.1 = seg.0 + body.len();
            moved = true;
        }
    }
    q.content.retain(|&(s, e)| e > s);
    moved
}

/// Whether the unattributed direct quote `q` continues the attributed direct quote `prev` of
/// the same English paragraph (which starts at byte `line_start`): nothing but the
/// attribution's own sentence lies between them (“A,” she said. “B.” or She said: “A.” “B.”).
fn joins_previous(cx: &Ctx, prev: &QuoteRec, q: &QuoteRec, line_start: usize) -> bool {
    let (Some(&(ps, _)), Some(&(_, pe)), Some(&(qs, _))) =
        (prev.content.first(), prev.content.last(), q.content.first())
    else {
        return false;
    };
    // English news annotation (one attribution, several segments); German annotation
    // keeps each quoted sentence apart.
    if cx.lang != "en"
        || prev.kind != QuoteKind::Direct
        || ps < line_start
        || pe > qs
        || qs - pe > 320
        || (prev.cue.is_none() && prev.source.is_none())
    {
        return false;
    }
    let stops = (cx.tok_at(pe)..cx.tok_at(qs))
        .filter(|&t| cx.is_stop(t))
        .count();
    stops <= 1
}

/// "in a statement", "in an interview with Fox News": a medium adjunct of `k`'s cue, from the
/// preposition at `k` to the token after the medium noun, if there is one.
fn medium_adjunct(cx: &Ctx, k: usize) -> Option<usize> {
    if !matches!(cx.word(k), "in" | "during" | "via" | "through") {
        return None;
    }
    let m = (k + 1..k + 5).find(|&m| MEDIUM_NOUNS.contains(&cx.word(m)))?;
    (k + 1..m)
        .all(|t| cx.kind(t) == Some(TokKind::Word))
        .then_some(m + 1)
}

/// A content that opens with the medium of its attribution ("in a statement that …", left by
/// a cue far from its complementizer) starts at the complementizer. (A medium after the
/// content, "… in a statement on Thursday", stays: annotators split evenly on it.)
fn medium_adjunct_trim(
    cx: &Ctx,
    (s, e): (usize, usize),
    regions: &[(usize, usize)],
) -> (usize, usize) {
    if cx.lang != "en" || overlaps(regions, s, s + 1) {
        return (s, e);
    }
    let a = cx.tok_at(s);
    let b = cx.tok_at(e);
    if let Some(after) = medium_adjunct(cx, a) {
        let found = (after..(after + 16).min(b))
            .take_while(|&t| {
                !cx.is_stop(t) && !matches!(cx.raw(t), "“" | "”" | "\"" | ";" | "(" | ",")
            })
            .find(|&t| cx.word(t) == "that");
        if let Some(t) = found
            && b > t + 3
        {
            return (cx.toks[t].start, e);
        }
    }
    (s, e)
}

/// Words that label a line without naming a speaker ("Read more:", "Update:").
const LINE_LABELS: &[&str] = &[
    "read",
    "more",
    "update",
    "updated",
    "photo",
    "photos",
    "video",
    "source",
    "sources",
    "note",
    "editor",
    "correction",
    "see",
    "also",
    "watch",
    "related",
    "advertisement",
    "analysis",
    "opinion",
    "exclusive",
    "breaking",
    "live",
    "q",
    "a",
    "by",
    "tags",
    "image",
    "credit",
    "partial",
    "transcript",
    "läs",
    "mer",
    "bakgrund",
    "foto",
    "zdjęcie",
    "czytaj",
    "quelle",
    "lesen",
    "sie",
    "auch",
    "lire",
    "aussi",
    "leer",
    "más",
    "leggi",
    "anche",
    "читайте",
    "также",
    "warning",
    "disclaimer",
    "summary",
    "contact",
    "email",
    "phone",
    "share",
    "print",
    "analyser",
    "analys",
    "kommentar",
    "ledare",
    "debatt",
    "krönika",
    "recension",
    "intervju",
    "interview",
    "review",
    "comment",
    "commentary",
    "editorial",
    "column",
    "podcast",
    "quiz",
    "kommentar",
    "meinung",
    "analyse",
    "interview",
    "wywiad",
    "komentarz",
    "felieton",
];

/// A line "NAME: content" (a transcript turn or a headline quote) as an attributed quote.
fn speaker_line(cx: &Ctx, first: usize, end: usize) -> Option<QuoteRec> {
    let mut k = first;
    if matches!(cx.raw(k), "\"" | "“" | "„" | "«") {
        k += 1;
    }
    let name_start = k;
    while k < end
        && k < name_start + 4
        && cx.kind(k) == Some(TokKind::Word)
        && is_capitalised(cx.raw(k))
    {
        if LINE_LABELS.contains(&cx.word(k)) {
            return None;
        }
        k += 1;
    }
    if k == name_start || cx.raw(k) != ":" || end < k + 5 {
        return None;
    }
    let content_start = cx.toks.get(k + 1)?.start;
    let content_end = cx.toks.get(end - 1)?.end;
    let text = cx.text.get(content_start..content_end)?;
    let mut trimmed = text.trim_end_matches(|c: char| c.is_whitespace());
    // "Poll: Clinton and Trump in dead heat.": the line's closing stop is not quoted.
    if let Some(t) = trimmed.strip_suffix('.')
        && !t.ends_with('.')
    {
        trimmed = t;
    }
    Some(QuoteRec {
        kind: QuoteKind::Direct,
        content: vec![(content_start, content_start + trimmed.len())],
        cue: byte_span(cx, k, k + 1),
        source: byte_span(cx, name_start, k),
        speaker_name: None,
        role: None,
        affiliation: None,
        outlet: None,
    })
}

/// Speaker name of a source span: titles stripped, a surname resolved to the earlier full name,
/// a pronoun to the previous speaker.
fn resolve(cx: &Ctx, (s, e): (usize, usize), previous: Option<&str>) -> Option<String> {
    let raw = cx.text.get(s..e)?;
    let lower = raw.to_lowercase();
    // A possessive ("his claim that …") stands for the previous speaker too, but "Son" or
    // "Su" with a capital may be a name.
    let possessive = POSSESSIVES.contains(&lower.as_str())
        && !(is_capitalised(raw) && matches!(lower.as_str(), "son" | "sa" | "su" | "ich"));
    if PRONOUNS.contains(&lower.as_str()) || possessive {
        return previous.map(str::to_string);
    }
    // "Marta Lind, the company's head of operations": the name is before the appositive.
    let mut parts = raw.split(',');
    let head = parts.next().unwrap_or(raw);
    let head = head.split(" (").next().unwrap_or(head);
    let mut name = clean_name(head);
    // "The state’s campaign chairman, Phil Lovas": the name is the appositive.
    if !is_capitalised(&name)
        && let Some(app) = parts.next().map(str::trim)
        && is_capitalised(app)
        && app.split_whitespace().count() <= 4
    {
        name = clean_name(app);
    }
    if name.is_empty() {
        return None;
    }
    if !is_capitalised(&name) {
        return Some(name);
    }
    // A person entity whose mention overlaps this source (mentions are sorted and disjoint:
    // the first one ending after `s` is the only candidate), or whose name ends with it.
    let m = &cx.person_mentions;
    let i = m.partition_point(|&(_, me, _)| me <= s);
    if let Some(&(ms, _, p)) = m.get(i)
        && ms < e
    {
        return Some(p.to_string());
    }
    if let Some(p) = cx.person_suffixes.get(name.as_str()) {
        return Some((*p).to_string());
    }
    Some(name)
}

/// Where the content starting at token `c` ends: before ", though …", ", adding …" and the
/// like, else at `b` (the sentence end).
fn clause_end(cx: &Ctx, c: usize, b: usize) -> usize {
    // A clause longer than this many tokens is cut: the scan per cue stays bounded.
    let b = b.min(c.saturating_add(MAX_CLAUSE_TOKENS));
    let mut j = c;
    while j + 1 < b {
        // "… and said …", "… but noted …": the same source goes on with new content;
        // "… and Democrats accused …", "… but he added …": another attribution starts.
        if j > c + 2 && AND_BUT.contains(&cx.word(j)) && new_attribution_at(cx, j + 1, b) {
            return j;
        }
        // ", experts say …": a new attribution starts.
        if cx.raw(j) == ","
            && j > c + 2
            && (j + 1..(j + 4).min(b))
                .any(|m| cx.cue_at(m).is_some_and(|(_, sf)| !sf) && !is_capitalised(cx.raw(m)))
        {
            return j;
        }
        if cx.raw(j) == ";" {
            return j;
        }
        // English ", forcing …", ", contradicting …": a participle clause that comments on
        // the reported speech is the writer's, not the source's.
        if cx.raw(j) == "," && j > c + 2 && participle_clause(cx, j + 1) {
            return j;
        }
        if cx.raw(j) == "," && cx.word(j + 1) == "but" && but_goes_on(cx, j + 2) {
            j += 2;
            continue;
        }
        if cx.raw(j) == ","
            && matches!(
                cx.word(j + 1),
                "though"
                    | "citing"
                    | "according"
                    | "although"
                    | "while"
                    | "but"
                    | "adding"
                    | "saying"
                    | "noting"
                    | "whereas"
                    | "explaining"
                    | "arguing"
                    | "claiming"
                    | "warning"
                    | "men"
                    | "ale"
                    | "aber"
                    | "mais"
                    | "pero"
                    | "ma"
                    | "но"
            )
        {
            return j;
        }
        j += 1;
    }
    b
}

/// English subordinating conjunctions that open an adverbial clause before the main clause.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "after", "when", "because", "if", "since", "before", "once",
    "whereas", "unless", "until",
];

/// Whether the English sentence part `[from, src)` before a source is the opening of a
/// subordinate clause ("While", "But although", "Even though"): the reported clause after
/// the cue then ends at the comma that closes it.
fn subordinate_opener(cx: &Ctx, from: usize, src: usize) -> bool {
    if cx.lang != "en" || src <= from {
        return false;
    }
    let mut i = from;
    if matches!(cx.word(i), "but" | "and" | "so" | "yet" | "even") {
        i += 1;
    }
    i < src
        && SUBORDINATORS.contains(&cx.word(i))
        && src - i <= 3
        && !(i..src).any(|t| matches!(cx.raw(t), "," | ";" | ":"))
}

/// Whether the English ", but" before token `i` goes on with the same reported clause: a
/// second predicate without a subject of its own ("…, but would need more staff", "…, but
/// rather the timing", "…, but hasn't decided"). A new subject ("…, but he did …", "…, but
/// the council refused") or a cue ("…, but noted …") starts another statement.
fn but_goes_on(cx: &Ctx, i: usize) -> bool {
    let w = cx.word(i);
    if cx.lang != "en"
        || cx.kind(i) != Some(TokKind::Word)
        || is_capitalised(cx.raw(i))
        || cx.cue_at(i).is_some()
    {
        return false;
    }
    // An auxiliary, a modal or an adverb that opens a predicate, or a past or "-ing" form
    // ("…, but declined to …", "…, but rather …", "…, but losing …").
    matches!(
        w,
        "would"
            | "will"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "didn"
            | "does"
            | "doesn"
            | "do"
            | "don"
            | "has"
            | "hasn"
            | "have"
            | "haven"
            | "had"
            | "hadn"
            | "is"
            | "isn"
            | "was"
            | "wasn"
            | "are"
            | "aren"
            | "were"
            | "weren"
            | "won"
            | "wouldn"
            | "couldn"
            | "also"
            | "still"
            | "rather"
            | "not"
            | "only"
            | "then"
            | "yet"
            | "certainly"
            | "sometimes"
            | "instead"
            | "later"
            | "ultimately"
            | "eventually"
    ) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
        || participle_clause(cx, i)
}

/// Whether token `i` opens an English participle clause (", prompting …", ", citing …"):
/// a lowercase word in "-ing" that is not a preposition-like participle ("including",
/// "according", "during") or an "-ing" noun ("something", "nothing").
fn participle_clause(cx: &Ctx, i: usize) -> bool {
    let w = cx.word(i);
    cx.lang == "en"
        && cx.kind(i) == Some(TokKind::Word)
        && w.len() > 5
        && w.ends_with("ing")
        && !is_capitalised(cx.raw(i))
        && !matches!(
            w,
            "including"
                | "according"
                | "during"
                | "excluding"
                | "regarding"
                | "concerning"
                | "something"
                | "nothing"
                | "anything"
                | "everything"
                | "morning"
                | "evening"
                | "building"
                | "funding"
                | "spending"
                | "meeting"
                | "hearing"
                | "ruling"
                | "shooting"
                | "bombing"
                | "training"
                | "housing"
                | "polling"
                | "thing"
        )
}

/// The end of content ending at byte `e`: past the closing mark of a quoted region that `e`
/// is inside when only punctuation is left of it (reported speech that closes with quoted
/// words keeps its `."`, as in `called it "a mistake."`).
fn close_quoted_end(text: &str, regions: &[(usize, usize)], e: usize) -> usize {
    let i = regions.partition_point(|&(_, re)| re < e);
    match regions.get(i) {
        Some(&(rs, re))
            if rs < e
                && re > e
                && re - e <= 8
                && text.get(e..re).is_some_and(|t| {
                    t.chars().all(|c| {
                        matches!(
                            c,
                            '.' | '!' | '?' | ',' | '…' | '"' | '\'' | '”' | '“' | '»' | '«' | '’'
                        )
                    })
                }) =>
        {
            re
        }
        _ => e,
    }
}

/// Time words that may follow a cue before its content ("said Friday the plan …").
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "afterward",
    "afterwards",
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "idag",
    "igår",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "heute",
    "gestern",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "ayer",
    "hoy",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "ieri",
    "oggi",
    "wczoraj",
    "dzisiaj",
    "вчера",
    "сегодня",
];

/// Nouns of the medium a statement was made in ("said in a statement", "told … in an
/// interview").
const MEDIUM_NOUNS: &[&str] = &[
    "statement",
    "interview",
    "email",
    "e-mail",
    "tweet",
    "letter",
    "speech",
    "post",
    "release",
    "op-ed",
    "memo",
    "video",
    "message",
    "radio",
    "television",
    "broadcast",
    "briefing",
    "conference",
    "call",
    "report",
    "filing",
    "book",
    "column",
    "essay",
    "blog",
];

/// Token `c` past the adjuncts between a cue and its content: time phrases ("Friday", "on
/// Monday", "last week"), the medium ("in a statement", "in an interview with CNN") and a
/// preposition that belongs with the verb ("warned against", "spoke about", "said of").
/// Returns `c` itself when nothing is skipped or when skipping would leave no content.
fn skip_adjuncts(cx: &Ctx, c: usize, b: usize) -> usize {
    let mut j = c;
    for _ in 0..4 {
        let w = cx.word(j);
        if TIME_WORDS.contains(&w) {
            j += 1;
            // "Friday afternoon", "Monday night".
            if matches!(cx.word(j), "morning" | "afternoon" | "evening" | "night") {
                j += 1;
            }
            continue;
        }
        if matches!(w, "on" | "late" | "early") && TIME_WORDS.contains(&cx.word(j + 1)) {
            j += 2;
            continue;
        }
        if matches!(w, "last" | "this" | "next" | "earlier" | "later")
            && matches!(
                cx.word(j + 1),
                "week"
                    | "month"
                    | "year"
                    | "night"
                    | "weekend"
                    | "summer"
                    | "spring"
                    | "fall"
                    | "winter"
                    | "morning"
                    | "afternoon"
                    | "evening"
            )
        {
            j += 2;
            continue;
        }
        // "in a statement", "in an interview with Fox News", "in a written statement".
        if matches!(w, "in" | "during" | "via" | "on" | "through")
            && let Some(m) = (j + 1..(j + 5).min(b)).find(|&m| MEDIUM_NOUNS.contains(&cx.word(m)))
            && (j + 1..m).all(|t| cx.kind(t) == Some(TokKind::Word) && !cx.is_stop(t))
        {
            j = m + 1;
            // "… with CNN", "… on Fox News", "… to reporters".
            if matches!(cx.word(j), "with" | "on" | "to")
                && (is_capitalised(cx.raw(j + 1)) || cx.word(j + 1) == "reporters")
            {
                j += 2;
                while j < b && j < m + 8 && is_capitalised(cx.raw(j)) {
                    j += 1;
                }
            }
            continue;
        }
        break;
    }
    // "said during a rally in Michigan that …", "told reporters on Friday that …": a longer
    // adjunct or addressee before the complementizer, which opens the content.
    // "asked the mayor if …", "asked the candidate whether …": the addressee of a question
    // is not part of it (the addressee of a request is: "urged residents to leave …").
    let ask = c > 0
        && j == c
        && (ASK_CUES.contains(&cx.word(c - 1))
            || (c > 1 && cx.word(c - 1) == "on" && cx.word(c - 2) == "called"));
    if ask && cx.kind(j) == Some(TokKind::Word) && !WH_WORDS.contains(&cx.word(j)) {
        let lim = (j + 9).min(b);
        let mut m = j + 1;
        while m < lim
            && !cx.is_stop(m)
            && !matches!(
                cx.raw(m),
                "“" | "”" | "\"" | "„" | "«" | "»" | ";" | "(" | ":"
            )
            && cx.cue_at(m).is_none()
        {
            let w = cx.word(m);
            if WH_WORDS.contains(&w) {
                if b - m >= 3 {
                    return m;
                }
                break;
            }
            m += 1;
        }
    }
    let tell = c > 0 && TELL_CUES.contains(&cx.word(c - 1));
    if (tell || PREPOSITIONS.contains(&cx.word(j))) && cx.kind(j) == Some(TokKind::Word) {
        let lim = (j + 16).min(b);
        let mut m = j + 1;
        while m < lim
            && !cx.is_stop(m)
            && !matches!(cx.raw(m), "“" | "”" | "\"" | "„" | "«" | "»" | ";" | "(")
            && cx.cue_at(m).is_none()
        {
            let w = cx.word(m);
            if COMPLEMENTIZERS.contains(&w) || (tell && matches!(w, "how" | "whether")) {
                if b - m >= 3 {
                    return m;
                }
                break;
            }
            m += 1;
        }
    }
    // "warned against", "spoke about", "argued for", "said of".
    if j == c && matches!(cx.word(j), "about" | "against" | "of") {
        j += 1;
    }
    // "said in a statement: The bill …": the colon opens the content.
    while j < b && matches!(cx.raw(j), "," | ":") {
        j += 1;
    }
    if j < b && b - j >= 3 && cx.kind(j) == Some(TokKind::Word) {
        j
    } else {
        c
    }
}

/// Prepositions that open an adjunct between a cue and its content ("said at a rally that").
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "during",
    "on",
    "after",
    "before",
    "with",
    "via",
    "through",
    "from",
    "under",
    "i",
    "på",
    "efter",
    "vid",
    "w",
    "na",
    "podczas",
    "po",
    "przed",
    "am",
    "im",
    "bei",
    "nach",
    "vor",
    "während",
    "en",
    "à",
    "au",
    "lors",
    "après",
    "avant",
    "durante",
    "tras",
    "antes",
    "a",
    "al",
    "dopo",
    "prima",
    "в",
    "на",
    "во",
    "после",
    "перед",
];

/// Complementizers that open reported speech ("that", "att", "że", "dass", "que", "che", "что").
const COMPLEMENTIZERS: &[&str] = &["that", "att", "że", "dass", "que", "che", "что"];

/// Cues of a question or request whose addressee sits before an embedded question ("asked
/// the mayor if …", "pressed him on why …").
const ASK_CUES: &[&str] = &[
    "asked",
    "asks",
    "ask",
    "asking",
    "urged",
    "urges",
    "urging",
    "pressed",
    "pressing",
    "challenged",
    "encouraged",
    "invited",
    "begged",
    "implored",
];

/// Words that open an embedded question ("asked him whether …").
const WH_WORDS: &[&str] = &[
    "if", "whether", "what", "why", "how", "who", "whom", "when", "where", "which",
];

/// Cues whose addressee may sit before the content ("told reporters on Friday that …").
const TELL_CUES: &[&str] = &[
    "told",
    "tells",
    "tell",
    "telling",
    "assured",
    "reminded",
    "informed",
    "berättade",
    "powiedział",
    "powiedziała",
    "сказал",
    "сказала",
];

/// The first token of content that opens a sentence at token `a` (before `k`): past a
/// sentence-initial conjunction or connective ("But the goal is …, he said", "However, …")
/// and an all-capitals dateline ("WASHINGTON ― …").
fn lead_skip(cx: &Ctx, a: usize, k: usize) -> usize {
    let mut j = a;
    // "WASHINGTON ―", "NEW YORK (AP) —".
    let mut d = a;
    while d < k
        && d < a + 4
        && cx.kind(d) == Some(TokKind::Word)
        && cx.raw(d).chars().count() > 1
        && cx.raw(d).chars().all(|c| !c.is_lowercase())
    {
        d += 1;
    }
    if d > a && matches!(cx.raw(d), "―" | "—" | "–" | "--") {
        j = d + 1;
    }
    let w = cx.word(j);
    if is_capitalised(cx.raw(j)) && AND_BUT.contains(&w) && cx.raw(j + 1) != "," {
        j += 1;
    } else if is_capitalised(cx.raw(j))
        && matches!(w, "however" | "still" | "also" | "meanwhile" | "yet")
        && cx.raw(j + 1) == ","
    {
        j += 2;
    }
    // Keep at least a few tokens of content before the cue.
    if j + 3 <= k { j } else { a }
}

/// Coordinating conjunctions that can join two attributions ("… and said …", "… but he
/// noted …").
const AND_BUT: &[&str] = &[
    "and", "but", "och", "men", "und", "aber", "et", "mais", "y", "pero", "e", "ma", "и", "но",
    "ale",
];

/// Whether an attribution starts at token `i` (before `b`): a cue ("said"), or a short name
/// or a pronoun and a cue ("Democrats accused", "he added", "Rep. Cummings said").
fn new_attribution_at(cx: &Ctx, i: usize, b: usize) -> bool {
    let is_cue = |m: usize| {
        cx.cue_at(m).is_some_and(|(_, sf)| !sf)
            && !is_capitalised(cx.raw(m))
            && !matches!(cx.word(m), "so" | "as")
    };
    if is_cue(i) {
        // "… and refused to drop the gun": a stance verb without a subject of its own goes on
        // with the content's subject.
        return !is_stance_cue(cx, i);
    }
    if PRONOUNS.contains(&cx.word(i)) && !is_capitalised(cx.raw(i)) {
        return i + 1 < b && is_cue(i + 1);
    }
    if !is_capitalised(cx.raw(i)) || cx.kind(i) != Some(TokKind::Word) {
        return false;
    }
    let mut m = i + 1;
    while m < b && m < i + 5 && (is_capitalised(cx.raw(m)) || cx.raw(m) == ".") {
        m += 1;
    }
    m < b && is_cue(m)
}

/// Whether the cue starting at token `i` reports a mental state, stance or intention
/// ([`STANCE_CUES`]: "believes", "refused", "ma nadzieję") rather than speech.
fn is_stance_cue(cx: &Ctx, i: usize) -> bool {
    let Some((ce, _)) = cx.cue_at(i) else {
        return false;
    };
    if STANCE_CUES.contains(&cx.word(i)) {
        return true;
    }
    let words: Vec<&str> = (i..=ce.min(i + 4)).map(|t| cx.word(t)).collect();
    STANCE_CUES.contains(&words.join(" ").as_str())
}

/// Whether the comma before the cue at `k` closes an appositive of a subject that opens the
/// clause ("Marta Lind, the company's head of operations, said the fire …"): then what
/// follows the cue is the content, not the source.
fn appositive_subject(cx: &Ctx, k: usize, floor: usize) -> bool {
    source_before(cx, k, floor).is_some_and(|(s, e)| {
        (s == floor || cx.is_stop(s - 1) || matches!(cx.raw(s - 1), "“" | "”" | "\""))
            && is_capitalised(cx.raw(s))
            && (s..e).any(|t| cx.raw(t) == ",")
    })
}

/// Whether an English clause with a subject pronoun opens at token `i`, before the sentence end
/// `b` ("…, the agency said it would comply", "…, she said he had her vote"): reported
/// content after the cue, not an object or an adjunct.
fn clause_after_cue(cx: &Ctx, i: usize, b: usize) -> bool {
    cx.lang == "en"
        && i + 2 < b
        && matches!(
            cx.word(i),
            "he" | "she" | "it" | "they" | "we" | "i" | "you" | "there"
        )
        && cx.kind(i + 1) == Some(TokKind::Word)
}

/// Whether the clause from token `from` ends soon: at the sentence end `b` or at a comma within
/// a few words ("…, top black lawmakers said Friday afternoon, as they …").
fn short_tail(cx: &Ctx, from: usize, b: usize) -> bool {
    let mut j = from;
    let b = b.min(from + 40);
    let mut words = 0;
    while j < b {
        if matches!(cx.raw(j), "," | ";" | "(" | "–" | "—") {
            return words <= 6;
        }
        if cx.kind(j) == Some(TokKind::Word) {
            words += 1;
            if words > 6 {
                return false;
            }
        }
        j += 1;
    }
    true
}

/// The longest reported clause, in tokens (about 40 lines of text).
const MAX_CLAUSE_TOKENS: usize = 400;

/// German Konjunktiv I forms that mark reported speech.
const KONJUNKTIV: &[&str] = &[
    "soll", "sollen", "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe",
    "möge", "gebe", "liege", "stehe", "komme", "gehe", "bleibe", "handele", "handle", "wisse",
    "sehe", "brauche", "verfüge", "plane", "erwarte", "halte", "befinde", "lasse", "trage",
    "fehle", "zeige",
];

/// Cues of written paraphrase, whose content may run over several sentences.
const WRITE_CUES: &[&str] = &[
    "writes",
    "wrote",
    "skriver",
    "skrev",
    "pisze",
    "napisał",
    "schreibt",
    "schrieb",
    "écrit",
    "escribe",
    "scrive",
    "пишет",
];

/// The end of the last taken interval before `pos` (0 when none).
fn taken_before(v: &[(usize, usize)], pos: usize) -> usize {
    let i = v.partition_point(|&(s, _)| s < pos);
    if i == 0 { 0 } else { v[i - 1].1.min(pos) }
}

/// Sorted, merged, disjoint intervals.
fn disjoint(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Whether `[s, e)` overlaps one of the sorted disjoint intervals `v` (O(log n)).
fn overlaps(v: &[(usize, usize)], s: usize, e: usize) -> bool {
    let i = v.partition_point(|&(_, ve)| ve <= s);
    v.get(i).is_some_and(|&(vs, _)| vs < e)
}

/// A short lowercase noun phrase from token `i` up to the next comma or the sentence end
/// `b` ("according to exit polls, …", "according to federal statistics."): at most eight
/// words, all of them words or glued hyphens.
fn phrase_until_comma(cx: &Ctx, i: usize, b: usize) -> Option<(usize, usize)> {
    let mut j = i;
    while j < b && j < i + 8 && cx.raw(j) != "," {
        let glued = cx.raw(j) == "-"
            && j > i
            && cx.toks[j - 1].end == cx.toks[j].start
            && cx
                .toks
                .get(j + 1)
                .is_some_and(|t| t.start == cx.toks[j].end);
        if cx.kind(j) != Some(TokKind::Word) && !glued {
            return None;
        }
        j += 1;
    }
    (j > i && (j == b || cx.raw(j) == ",")).then_some((i, j))
}

/// The subject that opens the sentence of tokens from `a` (before `k`): a pronoun ("He
/// pitched himself …") or a capitalised name with an optional determiner ("The Republican
/// National Committee is filing …"), followed by a lowercase word.
fn sentence_subject(cx: &Ctx, a: usize, k: usize) -> Option<(usize, usize)> {
    let s = lead_skip(cx, a, k);
    if PRONOUNS.contains(&cx.word(s)) {
        return Some((s, s + 1));
    }
    // German capitalises every noun: a capitalised opening is no sign of a name there.
    if cx.lang == "de" {
        return None;
    }
    let mut e = s;
    if matches!(cx.word(e), "the" | "a" | "an") {
        e += 1;
    }
    let name_from = e;
    while e < k
        && e < s + 8
        && (cx.kind(e) == Some(TokKind::Word) && is_capitalised(cx.raw(e))
            || (cx.raw(e) == "." && e > name_from && cx.toks[e - 1].end == cx.toks[e].start))
        && !LEADING.contains(&cx.word(e))
        && !NOT_SOURCE.contains(&cx.word(e))
    {
        e += 1;
    }
    (e > name_from && e + 1 < k && cx.kind(e) == Some(TokKind::Word) && !is_capitalised(cx.raw(e)))
        .then_some((s, e))
}

/// English speech verbs that close a sentence of reported speech ("…, sources said.").
const FINAL_CUES: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "noted",
    "wrote",
    "writes",
    "reported",
    "reports",
    "explained",
    "argued",
    "stated",
    "insisted",
    "announced",
    "confirmed",
    "acknowledged",
];

/// Whether token `i` may sit between an English cue and its "that" as a short complement:
/// an addressee, a time or a medium ("told CNN on Friday that", "said in a statement that",
/// "told reporters last week that"). A lowercase word of another kind ("said the demands
/// that …") makes the "that" a relative pronoun inside the content.
fn skippable_complement(cx: &Ctx, i: usize) -> bool {
    let w = cx.word(i);
    cx.kind(i) != Some(TokKind::Word)
        || is_capitalised(cx.raw(i))
        || TIME_WORDS.contains(&w)
        || MEDIUM_NOUNS.contains(&w)
        || PREPOSITIONS.contains(&w)
        || (w.ends_with("ly") && w.len() > 4)
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "me"
                | "him"
                | "us"
                | "them"
                | "reporters"
                | "journalists"
                | "lawmakers"
                | "supporters"
                | "voters"
                | "by"
                | "to"
                | "last"
                | "this"
                | "next"
                | "week"
                | "month"
                | "year"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "earlier"
                | "later"
                | "again"
                | "also"
                | "new"
                | "phone"
                | "written"
                | "separate"
                | "joint"
                // "pointed out that", "spelled out that": a verb particle.
                | "out"
        )
}

/// Words that open an English noun phrase which can be a long sentence-initial subject.
const SUBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "all", "some", "many", "most", "several", "those", "these", "both", "few",
    "other", "others", "two", "three", "four", "no", "each", "every", "this",
];

/// German nouns that name where information comes from: "nach Angaben der Polizei", "nach
/// einer Studie", "nach Polizeiangaben", "nach Expertenmeinung" (matched as word endings).
const GERMAN_SOURCE_NOUNS: &[&str] = &[
    "angaben",
    "ansicht",
    "meinung",
    "worten",
    "aussage",
    "aussagen",
    "auskunft",
    "berichten",
    "bericht",
    "informationen",
    "einschätzung",
    "darstellung",
    "schätzungen",
    "erkenntnissen",
    "auffassung",
    "studie",
    "analyse",
    "ermittlungen",
    "umfrage",
    "dokument",
    "untersuchung",
    "vernehmen",
];

/// German finite auxiliaries and modals that end the source phrase of "Laut X …": the verb
/// of the content ("Laut Haaretz wurde israelisches Gebiet …").
const GERMAN_FINITE: &[&str] = &[
    "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "würde", "würden", "hat",
    "haben", "hatte", "hatten", "habe", "sei", "seien", "soll", "sollen", "sollte", "kann",
    "können", "konnte", "muss", "müssen", "musste", "will", "wollen", "gab", "gibt", "darf",
];

/// Whether token `v` still belongs to the source phrase after German "laut" / "nach": a
/// capitalised noun or name, punctuation („tagesschau.de“, "(EU)"), a number, an article or
/// preposition of the phrase, or an adjective right before a noun ("israelischen Medien").
/// Inside a sentence (`inner`) the phrase takes no prepositional tail but "von der …"
/// ("laut Schnappauf aus Sicherheitsgründen": "aus" starts the content again).
fn german_source_np_goes_on(cx: &Ctx, v: usize, inner: bool) -> bool {
    if cx.kind(v) != Some(TokKind::Word) {
        return cx.kind(v) != Some(TokKind::Newline) && !matches!(cx.raw(v), "," | ";" | ":");
    }
    let w = cx.word(v);
    if is_capitalised(cx.raw(v)) {
        return true;
    }
    if inner && matches!(w, "in" | "im" | "aus" | "zur" | "zum" | "und") {
        return false;
    }
    if matches!(
        w,
        "der"
            | "die"
            | "das"
            | "des"
            | "dem"
            | "den"
            | "ein"
            | "eine"
            | "einer"
            | "einem"
            | "eines"
            | "diesem"
            | "dieser"
            | "seiner"
            | "seinem"
            | "ihrer"
            | "ihrem"
            | "von"
            | "vom"
            | "zur"
            | "zum"
            | "in"
            | "im"
            | "aus"
            | "und"
    ) {
        return true;
    }
    // An adjective: an inflected lowercase word before a capitalised noun, possibly through
    // one more adjective ("einer ersten offiziellen Schätzung").
    let adjective = |m: usize| {
        let x = cx.word(m);
        !GERMAN_FINITE.contains(&x)
            && ["en", "er", "em", "es", "e"].iter().any(|e| x.ends_with(e))
            && cx.kind(m) == Some(TokKind::Word)
            && !is_capitalised(cx.raw(m))
    };
    // Adjectives come before the head noun: "Abraham Sipe gute Fortschritte" is no phrase.
    adjective(v)
        && !(v > 0 && cx.kind(v - 1) == Some(TokKind::Word) && is_capitalised(cx.raw(v - 1)))
        && (is_capitalised(cx.raw(v + 1)) || (adjective(v + 1) && is_capitalised(cx.raw(v + 2))))
}

/// Auxiliaries, modals and the infinitive marker: a subject phrase holding one of them (outside
/// an insert) has a verb of its own ("Trump took to Twitter to accuse …").
const SUBJECT_VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "did", "does", "do", "to", "isn", "wasn",
    "hasn", "didn", "doesn", "won", "can't", "never", "just",
];

/// A long subject that opens the sentence at `a` and runs up to the cue at `k`, for English
/// subjects the general source rules stop short of: a dash or comma appositive, a relative
/// clause or a prepositional tail ("A USA TODAY analysis of reports filed since Jan. 1 shows
/// …", "Kall -- co-editor of a book on the debates -- said …", "Schiff, 56, who has served on
/// the committee for a decade, told …"). The span holds no other cue, no quotation and no
/// clause break, and opens like a noun phrase.
fn long_subject_before(
    cx: &Ctx,
    k: usize,
    a: usize,
    regions: &[(usize, usize)],
) -> Option<(usize, usize)> {
    // ", adding …", ", arguing …": the sentence's earlier attribution goes on.
    if cx.lang != "en" || (k > a && cx.raw(k - 1) == "," && cx.word(k).ends_with("ing")) {
        return None;
    }
    let s = lead_skip(cx, a, k);
    np_subject(cx, s, k, regions, 30).or_else(|| {
        // "CONTENT, a USA TODAY analysis of campaign-finance reports shows.": a long subject
        // after the sentence's last comma, followed by nothing but the cue's tail.
        let comma = (s + 3..k).rev().take(16).find(|&m| cx.raw(m) == ",")?;
        let from = comma + 1;
        (from + 2 < k
            && (matches!(cx.word(from), "a" | "an" | "the") || is_capitalised(cx.raw(from))))
        .then(|| np_subject(cx, from, k, regions, 16))
        .flatten()
    })
}

/// A noun-phrase subject from token `s` up to the cue at `k` (past its adverbs), at most
/// `max` tokens: see [`long_subject_before`].
fn np_subject(
    cx: &Ctx,
    s: usize,
    k: usize,
    regions: &[(usize, usize)],
    max: usize,
) -> Option<(usize, usize)> {
    let end = skip_between_back(cx, k, s);
    if end < s + 2 || end - s > max {
        return None;
    }
    let w = cx.word(s);
    let opens_np = SUBJECT_OPENERS.contains(&w)
        || (is_capitalised(cx.raw(s))
            && cx.kind(s) == Some(TokKind::Word)
            && !LEADING.contains(&w)
            && !NOT_SOURCE.contains(&w)
            && !PREPOSITIONS.contains(&w)
            && !matches!(
                w,
                "if" | "when" | "whether" | "after" | "unless" | "once" | "until"
            ));
    if !opens_np {
        return None;
    }
    // Outside a comma or dash insert ("Schiff, 56, who has served …, told") the subject
    // holds no verb of its own: no auxiliary, modal or infinitive "to". An insert opened by
    // a dash closes at a dash, one opened by a comma at a comma.
    let mut insert: Option<bool> = None; // Some(true): opened by a dash
    for m in s..end {
        let raw = cx.raw(m);
        if matches!(raw, ";" | ":" | "?" | "!")
            || cx.is_stop(m)
            || cx.kind(m) == Some(TokKind::Newline)
            || cx.cue_at(m).is_some()
            || overlaps(regions, cx.toks[m].start, cx.toks[m].end)
        {
            return None;
        }
        let w = cx.word(m);
        // A comma inside a number ("2,000") delimits nothing.
        let spaced = cx.toks.get(m + 1).is_none_or(|t| t.start > cx.toks[m].end);
        let dash = matches!(raw, "--" | "—" | "–" | "―");
        if dash || (raw == "," && spaced) {
            insert = match insert {
                None => Some(dash),
                Some(d) if d == dash => None,
                open => open,
            };
        } else if matches!(w, "who" | "whom" | "which" | "whose") || (w == "that" && m > s) {
            // ", who has served …,": a relative clause after a comma runs to the next comma;
            // "most of whom said": the relative pronoun is the subject of the cue.
            let prev = if m > s { cx.raw(m - 1) } else { "" };
            if !matches!(prev, "," | "--" | "—" | "–" | "―") {
                return None;
            }
            // "Schiff, 56, who …,": the comma that closed "56" opens the relative clause.
            insert = insert.or(Some(prev != ","));
        } else if insert.is_none() && SUBJECT_VERBS.contains(&w) {
            return None;
        }
    }
    // An insert left open ("Rents rose last year, a study shows") is a clause, not a subject.
    if insert.is_some() {
        return None;
    }
    let last = cx.raw(end - 1);
    let np_end = cx.kind(end - 1) == Some(TokKind::Word)
        && !PREPOSITIONS.contains(&cx.word(end - 1))
        && !SUBJECT_OPENERS.contains(&cx.word(end - 1))
        && !SUBJECT_VERBS.contains(&cx.word(end - 1))
        && !matches!(
            cx.word(end - 1),
            "and" | "or" | "by" | "off" | "up" | "out" | "t"
        )
        || matches!(last, ")" | "," | "--" | "—" | "–" | "―");
    np_end.then_some((s, end))
}

/// Whether the quoted region holding byte `p` is followed by more words of its sentence
/// ("said “budget reforms” and the collection of taxes would pay for them"): the quoted
/// words then open reported speech rather than stand alone.
fn quote_runs_on(cx: &Ctx, regions: &[(usize, usize)], p: usize) -> bool {
    let i = regions.partition_point(|&(_, re)| re <= p);
    regions.get(i).is_some_and(|&(rs, re)| {
        rs <= p
            && cx
                .text
                .get(re..)
                .map(|t| prefix(t, 16).trim_start())
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_lowercase)
    })
}

/// A pronoun the general source rules leave out ("it", "we", "I", relative "who") right
/// before the cue at `k` (past any adverbs): a source of reported speech only ("It says the
/// campaign violated …", "an architect who said he was stiffed").
fn bare_pronoun_before(cx: &Ctx, k: usize, floor: usize) -> Option<(usize, usize)> {
    let end = skip_between_back(cx, k, floor);
    (end > floor && matches!(cx.word(end - 1), "it" | "we" | "i" | "who")).then(|| (end - 1, end))
}

/// Auxiliaries of the passive ("was", "has been", "fue", "è stato", "został").
const PASSIVE_AUX: &[&str] = &[
    "is", "was", "were", "are", "been", "being", "est", "été", "sont", "était", "fut", "fue",
    "fueron", "sido", "es", "era", "è", "stato", "stata", "stati", "fu", "został", "została",
    "zostało", "zostali",
];

/// A token range: (first, end exclusive).
type Span = (usize, usize);

/// A passive attribution at the participle `k` ("The SVP was rejected by 59.6 percent of
/// voters", "Clinton was supported by 42 percent"): (content tokens: the subject, source
/// tokens: the agent, first token of the cue).
fn passive_attribution(cx: &Ctx, k: usize, floor: usize, b: usize) -> Option<(Span, Span, usize)> {
    if k < floor + 2
        || cx.kind(k) != Some(TokKind::Word)
        || is_capitalised(cx.raw(k))
        || !PASSIVE_CUES.contains(&cx.word(k))
        || !matches!(cx.word(k + 1), "by" | "par" | "por" | "da" | "przez")
    {
        return None;
    }
    // The auxiliary, past one adverb ("was first reported", "has been repeatedly criticized").
    let mut m = k - 1;
    if (cx.word(m).ends_with("ly") || cx.word(m) == "first") && m > floor {
        m -= 1;
    }
    if !PASSIVE_AUX.contains(&cx.word(m)) {
        return None;
    }
    let mut aux = m;
    // "was being told by".
    if aux > floor && cx.word(aux) == "being" && PASSIVE_AUX.contains(&cx.word(aux - 1)) {
        aux -= 1;
    }
    if aux > floor
        && matches!(
            cx.word(aux - 1),
            "has" | "have" | "had" | "a" | "ha" | "han" | "been"
        )
    {
        aux -= 1;
    }
    // The subject: the last comma-separated piece before the auxiliary that is more than one
    // lowercase adverb ("Donald Trump, meanwhile, is supported by").
    let start = if floor == 0 || cx.is_stop(floor.saturating_sub(1)) {
        lead_skip(cx, floor, aux)
    } else {
        floor
    };
    let mut e = aux;
    let mut s = start;
    let mut j = aux;
    while j > start {
        j -= 1;
        if cx.raw(j) == "," {
            let piece = (j + 1, e);
            let adverb = piece.1 == piece.0 + 1 && !is_capitalised(cx.raw(piece.0));
            if piece.1 > piece.0 && !adverb {
                s = piece.0;
                break;
            }
            e = j;
        }
    }
    while e > s && cx.raw(e - 1) == "," {
        e -= 1;
    }
    if e <= s || e - s > 15 {
        return None;
    }
    let first = cx.word(s);
    if (e == s + 1 && (PRONOUNS.contains(&first) || matches!(first, "i" | "we" | "it" | "you")))
        || matches!(first, "that" | "which" | "who" | "whom" | "what")
        // "…, seated on the dais, has been criticized by": a participle phrase, not a subject.
        || (!is_capitalised(cx.raw(s)) && (first.ends_with("ed") || first.ends_with("ing")))
        || (s..e).any(|t| cx.is_stop(t) || cx.kind(t) == Some(TokKind::Newline))
    {
        return None;
    }
    if matches!(
        cx.word(e - 1),
        "that" | "which" | "who" | "whom" | "what" | "it" | "they"
    ) {
        return None;
    }
    // The agent: words and numbers up to a comma, the sentence end or a preposition or
    // conjunction that starts an adjunct ("by many Wall Street players for not raising …").
    let mut j = k + 2;
    while j < b
        && j < k + 16
        && (matches!(cx.kind(j), Some(TokKind::Word) | Some(TokKind::Number))
            // "front-runner", "59.6": glued punctuation inside a word or number.
            || (j > k + 2
                && matches!(cx.raw(j), "-" | ".")
                && cx.toks[j - 1].end == cx.toks[j].start
                && cx.toks.get(j + 1).is_some_and(|t| t.start == cx.toks[j].end)))
        && !(j > k + 2
            && matches!(
                cx.word(j),
                "for"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "over"
                    | "after"
                    | "during"
                    | "since"
                    | "because"
                    | "when"
                    | "who"
                    | "which"
                    | "that"
                    | "while"
                    | "with"
                    | "as"
            ))
    {
        j += 1;
    }
    (j > k + 2).then_some(((s, e), (k + 2, j), aux))
}

/// Words that make a "that" after a noun a relative pronoun ("the claim that was made").
const RELATIVE_AFTER_THAT: &[&str] = &[
    "was", "is", "were", "are", "has", "have", "had", "would", "will", "could", "can", "might",
    "may", "should", "must", "did", "does", "do", "i", "we", "you",
];

/// A noun cue at token `k` with its possessor before it and a complement clause after it
/// ("his claim that …", "Trump’s earlier warning that …", "seine Behauptung, dass …", "su
/// advertencia de que …"): (source tokens, first content token: the complementizer).
fn noun_complement(cx: &Ctx, k: usize, floor: usize, b: usize) -> Option<((usize, usize), usize)> {
    if k <= floor || cx.kind(k) != Some(TokKind::Word) || !NOUN_CUES.contains(&cx.word(k)) {
        return None;
    }
    if cx.lang != "de" && is_capitalised(cx.raw(k)) {
        return None;
    }
    // "the suggestion by a potential president that …", "an admission from Warren that …":
    // the agent after the noun is the source.
    if cx.lang == "en" && matches!(cx.word(k + 1), "by" | "from" | "among") {
        let c = (k + 3..(k + 10).min(b))
            .take_while(|&t| matches!(cx.kind(t), Some(TokKind::Word) | Some(TokKind::Number)))
            .find(|&t| cx.word(t) == "that")?;
        return (c + 3 < b
            && !RELATIVE_AFTER_THAT.contains(&cx.word(c + 1))
            && !(k + 2..c).any(|t| cx.cue_at(t).is_some()))
        .then_some(((k + 2, c), c));
    }
    let mut c = k + 1;
    // "seine Behauptung, dass …", "su advertencia de que …".
    if cx.raw(c) == "," || (cx.word(c) == "de" && cx.word(c + 1) == "que") {
        c += 1;
    }
    if !COMPLEMENTIZERS.contains(&cx.word(c)) || c + 3 >= b {
        return None;
    }
    if cx.lang == "en" && (cx.raw(k + 1) == "," || RELATIVE_AFTER_THAT.contains(&cx.word(c + 1))) {
        return None;
    }
    // The possessor, past one adjective ("his earlier claim").
    let possessor = |m: usize| -> Option<(usize, usize)> {
        if m < floor {
            return None;
        }
        if POSSESSIVES.contains(&cx.word(m)) {
            return Some((m, m + 1));
        }
        // "Trump’s claim": a possessive glued to a capitalised name.
        if cx.lang == "en"
            && cx.word(m) == "s"
            && m >= floor + 2
            && matches!(cx.raw(m - 1), "’" | "'")
            && cx.toks[m - 2].end == cx.toks[m - 1].start
            && cx.toks[m - 1].end == cx.toks[m].start
            && is_capitalised(cx.raw(m - 2))
            && !matches!(
                cx.word(m - 2),
                "there" | "it" | "that" | "what" | "here" | "who" | "today" | "he" | "she"
            )
        {
            let mut s = m - 2;
            while s > floor
                && s + 4 > m
                && cx.kind(s - 1) == Some(TokKind::Word)
                && is_capitalised(cx.raw(s - 1))
            {
                s -= 1;
            }
            return Some((s, m + 1));
        }
        None
    };
    possessor(k - 1)
        .or_else(|| {
            (k >= 2
                && cx.kind(k - 1) == Some(TokKind::Word)
                && !is_capitalised(cx.raw(k - 1))
                && !POSSESSIVES.contains(&cx.word(k - 1)))
            .then(|| possessor(k - 2))
            .flatten()
        })
        .map(|src| (src, c))
}

/// Indirect speech in the sentence of tokens `[a, b)` (b is the stop or line end).
fn indirect_in_sentence(
    cx: &Ctx,
    para_start: usize,
    (a, b): (usize, usize),
    regions: &[(usize, usize)],
    taken: &[(usize, usize)],
    quotes: &mut Vec<(QuoteRec, bool)>,
) {
    let start_b = cx.toks[a].start;
    let end_b = cx.toks.get(b.saturating_sub(1)).map_or(start_b, |t| t.end);
    // Already covered by a direct quote (its content or attribution)?
    let covered = |s: usize, e: usize| overlaps(taken, s, e);
    let in_region = |p: usize| overlaps(regions, p, p + 1);
    // "CONTENT, as X said." / "CONTENT, wie X mitteilte."
    if let Some(c) = (a + 3..b.saturating_sub(2)).rev().take(14).find(|&c| {
        cx.raw(c) == ","
            && matches!(
                cx.word(c + 1),
                "as" | "wie" | "som" | "jak" | "comme" | "como" | "come" | "как"
            )
    }) && let Some(cue) = (c + 2..b).find(|&m| cx.cue_at(m).is_some_and(|(_, sf)| !sf))
        && let Some((ce, _)) = cx.cue_at(cue)
        && !covered(start_b, cx.toks[c].start)
    {
        let src = source_before(cx, cue, c + 2).or_else(|| source_after(cx, ce + 1));
        let attr = make_attr(cx, (cue, ce), src);
        let e = cx.toks[c].start;
        if e > start_b && !in_region(start_b) {
            quotes.push((
                QuoteRec {
                    kind: QuoteKind::Indirect,
                    content: vec![(start_b, e)],
                    cue: attr.cue,
                    source: attr.source,
                    speaker_name: None,
                    role: attr.role,
                    affiliation: attr.affiliation,
                    outlet: attr.outlet,
                },
                true,
            ));
            return;
        }
    }
    // German "Nach Angaben der Behörden beläuft sich …", "Laut israelischen Medien gab es …",
    // "Nach einer norwegischen Studie wird …": content from the verb on.
    let source_noun = |m: usize| {
        let w = cx.word(m);
        GERMAN_SOURCE_NOUNS.iter().any(|x| w.ends_with(x))
    };
    let head = if cx.word(a) == "nach" {
        (a + 1..(a + 8).min(b)).find(|&m| source_noun(m))
    } else if cx.lang == "de" && cx.word(a) == "laut" && is_capitalised(cx.raw(a)) {
        Some(a)
    } else {
        None
    };
    if let Some(h) = head {
        let mut v = h + 1;
        while v < b && german_source_np_goes_on(cx, v, false) {
            v += 1;
        }
        if v + 2 < b && !covered(cx.toks[v].start, end_b) {
            let src = byte_span(cx, a + 1, v);
            let cue = byte_span(cx, a, a + 1);
            let e = cx.text.get(cx.toks[v].start..end_b).map_or(end_b, |t| {
                cx.toks[v].start + t.trim_end_matches(['.', ' ', ';', ':']).len()
            });
            quotes.push((
                QuoteRec {
                    kind: QuoteKind::Indirect,
                    content: vec![(cx.toks[v].start, e)],
                    cue,
                    source: src,
                    speaker_name: None,
                    role: None,
                    affiliation: None,
                    outlet: None,
                },
                true,
            ));
            return;
        }
    }
    // German mid-sentence "Die Tunnel dienten nach israelischen Angaben dem Transport …",
    // "Seit Mitternacht wurden nach Armeeangaben …": the content on both sides of the source,
    // when the sentence has no other cue.
    if cx.lang == "de"
        && let Some(k) = (a + 2..b).find(|&m| {
            cx.word(m) == "nach"
                && !is_capitalised(cx.raw(m))
                && (m + 1..(m + 4).min(b))
                    .any(|x| source_noun(x) && (m + 1..x).all(|y| !is_capitalised(cx.raw(y))))
        })
        && !(a..b).any(|m| m != k && cx.cue_at(m).is_some())
    {
        let mut v = k + 1;
        while v < b && german_source_np_goes_on(cx, v, true) {
            v += 1;
        }
        let seg_from = lead_skip(cx, a, k);
        if v > k + 1 && v + 1 < b && !covered(start_b, end_b) && !in_region(start_b) {
            let trim = |e: usize| {
                cx.text.get(cx.toks[seg_from].start..e).map_or(e, |t| {
                    cx.toks[seg_from].start + t.trim_end_matches(['.', ' ', ';', ':', ',']).len()
                })
            };
            quotes.push((
                QuoteRec {
                    kind: QuoteKind::Indirect,
                    content: vec![
                        (cx.toks[seg_from].start, trim(cx.toks[k].start)),
                        (cx.toks[v].start, trim(end_b)),
                    ],
                    cue: byte_span(cx, k, k + 1),
                    source: byte_span(cx, k + 1, v),
                    speaker_name: None,
                    role: None,
                    affiliation: None,
                    outlet: None,
                },
                true,
            ));
            return;
        }
    }
    // "Asked about the plan, Lind said …": the question put to the speaker is reported
    // speech of its own, with no source in its clause.
    let mut first = a;
    if is_capitalised(cx.raw(a))
        && matches!(
            cx.word(a),
            "asked"
                | "tillfrågad"
                | "gefragt"
                | "interrogé"
                | "interrogée"
                | "preguntado"
                | "preguntada"
                | "interpellato"
        )
        && !in_region(cx.toks[a].start)
        && let Some(comma) = (a + 2..b.min(a + 30)).find(|&t| cx.raw(t) == ",")
    {
        let mut c = a + 1;
        if matches!(
            cx.word(c),
            "about" | "om" | "nach" | "sur" | "sobre" | "por" | "su"
        ) {
            c += 1;
        }
        let (s, e) = (cx.toks[c].start, cx.toks[comma - 1].end);
        if comma > c + 1 && !covered(s, e) {
            quotes.push((
                QuoteRec {
                    kind: QuoteKind::Indirect,
                    content: vec![(s, e)],
                    cue: byte_span(cx, a, c),
                    source: None,
                    speaker_name: None,
                    role: None,
                    affiliation: None,
                    outlet: None,
                },
                true,
            ));
            first = comma + 1;
        }
    }
    // "Secret Service protocol called for …, sources said.": a sentence closed by "…, X said"
    // reports the whole sentence; cue words inside it are part of what was said.
    let final_comma = (b.saturating_sub(12).max(first + 4)..b)
        .rev()
        .find_map(|m| {
            let (ce, _) = cx.cue_at(m)?;
            let tail_words = (ce + 1..b)
                .filter(|&t| cx.kind(t) == Some(TokKind::Word))
                .count();
            if cx.lang != "en"
                || !FINAL_CUES.contains(&cx.word(m))
                || is_capitalised(cx.raw(m))
                || tail_words > 4
                || (ce + 1..b).any(|t| in_region(cx.toks[t].start))
            {
                return None;
            }
            let (s, _) = source_before(cx, m, first)?;
            let opens = cx.word(s);
            (s > first + 3
                && cx.raw(s - 1) == ","
                && (is_capitalised(cx.raw(s))
                    || PRONOUNS.contains(&opens)
                    || matches!(
                        opens,
                        "a" | "an" | "the" | "another" | "one" | "two" | "three" | "police"
                    )
                    // "sources", "officials", "analysts": a bare plural noun.
                    || (opens.len() > 4 && opens.ends_with('s') && !opens.ends_with("ss")))
                && !(first..s).any(|t| cx.raw(t) == ";"))
            .then(|| s - 1)
        });
    let mut k = first;
    let mut last_src: Option<(usize, usize)> = None;
    // Content before a cue starts no earlier than the end of the sentence's previous quote:
    // a run-on sentence of attributions ("A said …, B said …, C said …") yields disjoint
    // contents, which keeps the pass linear.
    let mut from_k = first;
    while k < b {
        if in_region(cx.toks[k].start) || final_comma.is_some_and(|c| k < c) {
            k += 1;
            continue;
        }
        // "The proposal was rejected by 64 percent of voters": the subject is the content.
        if let Some(((s, e), src, aux)) = passive_attribution(cx, k, from_k, b) {
            let (cs, end) = (cx.toks[s].start, cx.toks[e - 1].end);
            if !covered(cs, end) && !in_region(cs) {
                let attr = make_attr(cx, (aux, k + 1), Some(src));
                quotes.push((
                    QuoteRec {
                        kind: QuoteKind::Indirect,
                        content: vec![(cs, end)],
                        cue: attr.cue,
                        source: attr.source,
                        speaker_name: None,
                        role: attr.role,
                        affiliation: attr.affiliation,
                        outlet: attr.outlet,
                    },
                    true,
                ));
                last_src = attr.source;
                k = src.1.max(k + 1);
                from_k = k;
                continue;
            }
        }
        // "his claim that …", "Trump’s warning that …": a noun cue with its possessor.
        if let Some((src, c)) = noun_complement(cx, k, from_k, b) {
            let mut e = clause_end(cx, c, b);
            // "Contrary to his claim that …, …": the noun phrase sits in an opening phrase,
            // whose clause ends at the next comma.
            if src.0 > from_k
                && (from_k..src.0).any(|t| {
                    PREPOSITIONS.contains(&cx.word(t))
                        || matches!(cx.word(t), "contrary" | "despite" | "amid" | "unlike")
                })
                && let Some(comma) = (c + 3..e).find(|&t| cx.raw(t) == ",")
            {
                e = comma;
            }
            let cs = cx.toks[c].start;
            let mut end = if e < b { cx.toks[e].start } else { end_b };
            while end > cs
                && cx
                    .text
                    .as_bytes()
                    .get(end - 1)
                    .is_some_and(|c| matches!(c, b' ' | b',' | b'.' | b';' | b':'))
            {
                end -= 1;
            }
            let end = close_quoted_end(cx.text, regions, end);
            if word_count_upto(cx.text, (cs, end), 4) >= 4 && !covered(cs, end) {
                let attr = make_attr(cx, (k, k), Some(src));
                quotes.push((
                    QuoteRec {
                        kind: QuoteKind::Indirect,
                        content: vec![(cs, end)],
                        cue: attr.cue,
                        source: attr.source,
                        speaker_name: None,
                        role: attr.role,
                        affiliation: attr.affiliation,
                        outlet: attr.outlet,
                    },
                    true,
                ));
                last_src = attr.source;
                k = cx.tok_at(end).max(k + 1);
                from_k = k;
                continue;
            }
        }
        let Some((ce, source_first)) = cx.cue_at(k) else {
            k += 1;
            continue;
        };
        // "Critics questioned Berg’s assertion that …", "seized on Trump’s claim that …": the
        // object's noun cue is the attribution, with its own source.
        if (ce + 1..(ce + 6).min(b))
            .any(|m| noun_complement(cx, m, ce + 1, b).is_some_and(|(src, _)| src.0 <= ce + 2))
        {
            k = ce + 1;
            continue;
        }
        // A title-case headline keeps its verb capitalised ("Obama Says Museum Will …").
        let headline_verb = matches!(
            cx.raw(k),
            "Says"
                | "Tells"
                | "Warns"
                | "Claims"
                | "Urges"
                | "Vows"
                | "Admits"
                | "Denies"
                | "Insists"
                | "Shows"
                | "Reveals"
                | "Finds"
                | "Suggests"
                | "Calls"
                | "Slams"
        );
        if k > a
            && is_capitalised(cx.raw(k))
            && !headline_verb
            && !matches!(cx.raw(k - 1), "(" | "“" | "\"" | "„" | "«")
        {
            k += 1; // "United States", "Said Ahmed": a name, not a cue
            continue;
        }
        // Passive voice ("is observed as", "was supported by") is not speech, unless it
        // quotes ("was quoted as saying").
        if k > a
            && !(ce > k && cx.word(k) == "quoted")
            && matches!(
                cx.word(k - 1),
                "is" | "was" | "are" | "were" | "be" | "been" | "being"
            )
            && (cx.word(k).ends_with("ed")
                || matches!(cx.word(k), "told" | "said" | "shown" | "known" | "found"))
        {
            k = ce + 1;
            continue;
        }
        let cue_span = (cx.toks[k].start, cx.toks[ce].end);
        if covered(cue_span.0, cue_span.1) {
            k = ce + 1;
            continue;
        }
        let seg_from = if from_k == a {
            lead_skip(cx, a, k)
        } else {
            from_k
        };
        let seg_b = cx.toks.get(seg_from).map_or(start_b, |t| t.start);
        let trim_end = |mut e: usize| {
            while e > start_b
                && cx
                    .text
                    .as_bytes()
                    .get(e - 1)
                    .is_some_and(|c| matches!(c, b' ' | b',' | b'.' | b';' | b':'))
            {
                e -= 1;
            }
            e
        };
        let mut found: Option<(Vec<(usize, usize)>, Attr)> = None;
        if source_first {
            // "According to X, CONTENT." or "CONTENT, according to X."
            if let Some(src) =
                source_after(cx, ce + 1).or_else(|| phrase_until_comma(cx, ce + 1, b))
            {
                let attr = make_attr(cx, (k, ce), Some(src));
                if k == a || (k == a + 1 && cx.kind(a) == Some(TokKind::Word)) {
                    // Content after the next comma.
                    let mut c = src.1;
                    while c < b && cx.raw(c) != "," {
                        c += 1;
                    }
                    if c + 1 < b {
                        found = Some((vec![(cx.toks[c + 1].start, trim_end(end_b))], attr));
                    }
                } else if k > from_k && cx.raw(k - 1) == "," {
                    // "Over the past decade, according to the census office, the town lost …":
                    // a short opening adjunct and the clause after the source are one content.
                    let mut c = src.1;
                    while c < b && cx.raw(c) != "," && c < src.1 + 3 {
                        c += 1;
                    }
                    let lead_words = word_count_upto(cx.text, (seg_b, cx.toks[k - 1].start), 7);
                    let tail_words = if c + 1 < b && cx.raw(c) == "," {
                        word_count_upto(cx.text, (cx.toks[c + 1].start, end_b), 4)
                    } else {
                        0
                    };
                    if cx.lang == "en" && lead_words <= 6 && tail_words >= 4 {
                        found = Some((
                            vec![
                                (seg_b, trim_end(cx.toks[k - 1].start)),
                                (cx.toks[c + 1].start, trim_end(end_b)),
                            ],
                            attr,
                        ));
                    } else {
                        found = Some((vec![(seg_b, trim_end(cx.toks[k - 1].start))], attr));
                    }
                } else if cx.lang == "de" && cx.word(k) == "laut" && k > seg_from + 1 {
                    // "Der Abschuss soll laut Schnappauf aus Sicherheitsgründen erfolgen": the
                    // content on both sides of "laut X".
                    let mut v = k + 1;
                    while v < b && german_source_np_goes_on(cx, v, true) {
                        v += 1;
                    }
                    if v > k + 1 && v + 1 < b {
                        let mut attr = attr;
                        attr.source = byte_span(cx, k + 1, v);
                        found = Some((
                            vec![
                                (seg_b, trim_end(cx.toks[k].start)),
                                (cx.toks[v].start, trim_end(end_b)),
                            ],
                            attr,
                        ));
                    } else if b > a + 5 {
                        found = Some((vec![(seg_b, trim_end(end_b))], attr));
                    }
                } else if b > a + 5 {
                    // Mid-sentence "laut X", "X zufolge", "enligt X": the whole sentence.
                    found = Some((vec![(seg_b, trim_end(end_b))], attr));
                }
            } else if k > a && cx.word(k) == "zufolge" && b > a + 5 {
                let attr = make_attr(cx, (k, ce), None);
                found = Some((vec![(seg_b, trim_end(end_b))], attr));
            }
        } else if k > from_k + 3
            && cx.raw(k - 1) == ","
            && !appositive_subject(cx, k, from_k)
            && let Some(src) = source_after(cx, ce + 1)
            && (short_tail(cx, src.1, b) || cx.word(k) == "so")
            // "…, said he." ends the sentence; "…, said he had …" starts reported speech; so
            // does a lowercase noun phrase running on ("…, said the suing states were …").
            && !((PRONOUNS.contains(&cx.word(src.0)) || !is_capitalised(cx.raw(src.0)) && !is_capitalised(cx.raw(src.0 + 1)))
                && src.1 < b
                && !matches!(cx.raw(src.1), "," | ";" | "." | "(" | "–" | "—"))
        {
            // "CONTENT, said X." / "CONTENT, skriver X för Y."
            {
                let attr = make_attr(cx, (k, ce), Some(src));
                // A writer's paraphrase runs back to the paragraph start ("…. …, skriver X.").
                let from = if WRITE_CUES.contains(&cx.word(k)) {
                    para_start
                        .max(taken_before(taken, start_b))
                        .max(
                            quotes
                                .iter()
                                .rev()
                                .take(8)
                                .flat_map(|(q, _)| q.content.iter().map(|c| c.1))
                                .filter(|&e| e <= start_b)
                                .max()
                                .unwrap_or(0),
                        )
                        .max(if from_k > a { seg_b } else { 0 })
                } else {
                    seg_b
                };
                found = Some((vec![(from, trim_end(cx.toks[k - 1].start))], attr));
            }
        } else if let Some(src) = source_before(cx, k, a)
            .filter(|&(s, _)| {
                // "A survey of 2,000 nurses across three regions shows": the phrase after a
                // preposition is the tail of a longer subject.
                !(s > a
                    && cx.lang == "en"
                    && matches!(
                        cx.word(s - 1),
                        "of" | "across" | "for" | "by" | "from" | "in" | "among" | "on" | "at"
                    )
                    && long_subject_before(cx, k, a, regions).is_some())
            })
            .or_else(|| bare_pronoun_before(cx, k, a))
            .or_else(|| long_subject_before(cx, k, a, regions))
        {
            // "As CNN mentions, CONTENT."
            if src.0 == a + 1
                && matches!(
                    cx.word(a),
                    "as" | "som" | "jak" | "wie" | "comme" | "como" | "come" | "как"
                )
                && cx.raw(ce + 1) == ","
                && b > ce + 3
            {
                let attr = make_attr(cx, (a, ce), Some(src));
                found = Some((vec![(cx.toks[ce + 2].start, trim_end(end_b))], attr));
            } else if src.0 > from_k + 1
                && cx.raw(src.0 - 1) == ","
                && cx.raw(ce + 1) == ","
                && b > ce + 3
                && !cx.word(ce + 2).ends_with("ing")
                && !matches!(
                    cx.word(ce + 2),
                    "as" | "while" | "but" | "although" | "though" | "according" | "and"
                )
            {
                // "The museum, Mr. Obama said, would make …": content around the attribution.
                let attr = make_attr(cx, (k, ce), Some(src));
                found = Some((
                    vec![
                        (seg_b, trim_end(cx.toks[src.0 - 1].start)),
                        (cx.toks[ce + 2].start, trim_end(end_b)),
                    ],
                    attr,
                ));
            } else if src.0 > from_k + 3
                && cx.raw(src.0 - 1) == ","
                && short_tail(cx, ce + 1, b)
                // "In her 2003 book, Clinton noted the clot's existence.": an object after the
                // cue is the content, the opening phrase an adjunct; after "told" it is the
                // addressee ("…, a spokesman told The Times.").
                && (TELL_CUES.contains(&cx.word(k))
                    || !(ce + 1 < b
                        && matches!(
                            cx.word(ce + 1),
                            "the" | "a" | "an" | "that" | "his" | "her" | "its" | "their"
                        )))
                // "Later that day, the agency said it would comply.": a short clause after the
                // cue is the content, the phrase before the comma an adjunct.
                && !clause_after_cue(cx, ce + 1, b)
            {
                let attr = make_attr(cx, (k, ce), Some(src));
                found = Some((vec![(seg_b, trim_end(cx.toks[src.0 - 1].start))], attr));
            } else {
                // "X says (that) CONTENT."
                let mut c = ce + 1;
                // Skip a short complement before "that": "told CNN that", "said Friday that".
                let mut look = c;
                let mut n = 0;
                while look < b && n < 6 {
                    if matches!(
                        cx.word(look),
                        "he" | "she"
                            | "they"
                            | "i"
                            | "we"
                            | "it"
                            | "you"
                            | "han"
                            | "hon"
                            | "sie"
                            | "ils"
                            | "elle"
                    ) {
                        break; // "said they were concerned that …": "that" is inside the content
                    }
                    if matches!(
                        cx.word(look),
                        "that" | "att" | "że" | "dass" | "que" | "che" | "что" | "ob"
                    ) {
                        c = look;
                        break;
                    }
                    // "said Obama hopes that …", "said the nonstop demands that …": a clause
                    // or a noun phrase with a relative clause is the content, not a complement.
                    if cx.cue_at(look).is_some()
                        || (cx.lang == "en" && !skippable_complement(cx, look))
                    {
                        break;
                    }
                    if cx.raw(look) == "," || in_region(cx.toks[look].start) {
                        break;
                    }
                    look += 1;
                    n += 1;
                }
                while c < b && matches!(cx.raw(c), "," | ":") {
                    c += 1;
                }
                // "told me the plan was …", "told reporters it was …": the addressee is not
                // part of what was said.
                if c == ce + 1
                    && matches!(cx.word(k), "told" | "tells" | "telling" | "tell")
                    && matches!(
                        cx.word(c),
                        "me" | "him" | "her" | "us" | "them" | "reporters" | "journalists"
                    )
                {
                    c += 1;
                }
                if c <= ce + 2 {
                    c = skip_adjuncts(cx, c, b);
                }
                // "said as much in an interview": no reported content.
                let no_content = cx.word(c) == "as" && cx.word(c + 1) == "much";
                if c < b
                    && b - c >= 3
                    && !no_content
                    && (!in_region(cx.toks[c].start)
                        || cx.word(c.saturating_sub(1)) == "that"
                        || quote_runs_on(cx, regions, cx.toks[c].start))
                {
                    let attr = make_attr(cx, (k, ce), Some(src));
                    let mut e = clause_end(cx, c, b);
                    if subordinate_opener(cx, from_k, src.0) {
                        // "While the party says it is on track, donors are …": the reported
                        // clause ends where the subordinate clause does.
                        if let Some(comma) = (c + 2..e).find(|&t| cx.raw(t) == ",") {
                            e = comma;
                        }
                    }
                    let end = if e < b { cx.toks[e].start } else { end_b };
                    found = Some((vec![(cx.toks[c].start, trim_end(end))], attr));
                }
            }
        } else if k > a + 1
            && ((cx.raw(k - 1) == "," && cx.word(k).ends_with("ing"))
                || AND_BUT.contains(&cx.word(k - 1)))
            && let Some(src) = last_src
                .or_else(|| {
                    // "“…,” he said, adding that …": the direct quote's source in this sentence.
                    let cue_start = cx.toks[k].start;
                    quotes
                        .iter()
                        .rev()
                        .take(4)
                        .filter_map(|(q, _)| q.source)
                        .find(|&(s, e)| s >= start_b && e <= cue_start)
                })
                .or_else(|| {
                    // "The union filed a motion, arguing that …": the sentence's subject.
                    ((cx.raw(k - 1) == "," && cx.word(k).ends_with("ing"))
                        || AND_BUT.contains(&cx.word(k - 1)))
                    .then(|| sentence_subject(cx, a, k))
                    .flatten()
                    .and_then(|(s, e)| byte_span(cx, s, e))
                })
        {
            // "…, adding (that) CONTENT": the source of the sentence's previous attribution.
            let mut c = ce + 1;
            // "und teilte mit, dass …": a verb particle before the complementizer.
            if cx.raw(c + 1) == "," && COMPLEMENTIZERS.contains(&cx.word(c + 2)) {
                c += 2;
            }
            // "…, pointing out that …": a verb particle before the complementizer.
            if cx.word(c) == "out" && COMPLEMENTIZERS.contains(&cx.word(c + 1)) {
                c += 1;
            }
            if b > c + 2 {
                let mut attr = make_attr(cx, (k, ce), None);
                attr.source = Some(src);
                let e = clause_end(cx, c, b);
                let end = if e < b { cx.toks[e].start } else { end_b };
                found = Some((vec![(cx.toks[c].start, trim_end(end))], attr));
            }
        }
        let found = found.map(|(mut content, attr)| {
            for seg in &mut content {
                let t = cx.text.get(seg.0..seg.1).unwrap_or("");
                let trimmed = t.trim_start_matches(|c: char| {
                    c.is_whitespace() || is_dash(c) || c == ',' || c == ':'
                });
                seg.0 += t.len() - trimmed.len();
                seg.1 = close_quoted_end(cx.text, regions, seg.1);
            }
            (content, attr)
        });
        if let Some((content, attr)) = found
            && content.iter().all(|&(s, e)| e > s)
            && content
                .iter()
                .map(|&s| word_count_upto(cx.text, s, 2))
                .sum::<usize>()
                >= 2
            && !covered(content[0].0, content[content.len() - 1].1)
        {
            quotes.push((
                QuoteRec {
                    kind: QuoteKind::Indirect,
                    content,
                    cue: attr.cue,
                    source: attr.source,
                    speaker_name: None,
                    role: attr.role,
                    affiliation: attr.affiliation,
                    outlet: attr.outlet,
                },
                true,
            ));
            last_src = quotes.last().and_then(|(q, _)| q.source);
            let content_end = quotes
                .last()
                .map_or(0, |(q, _)| q.content.last().map_or(0, |c| c.1));
            k = cx.tok_at(content_end).max(ce + 1);
            from_k = k;
            continue;
        }
        k = ce + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn quotes(text: &str, lang: &str) -> Vec<(String, Option<String>, Option<String>, QuoteKind)> {
        let toks = tokenize(text);
        find_quotes(text, &toks, lang, &[])
            .into_iter()
            .map(|q| {
                let (s, e) = (q.content[0].0, q.content[q.content.len() - 1].1);
                let src = q.source.map(|(a, b)| text[a..b].to_string());
                (text[s..e].to_string(), src, q.speaker_name, q.kind)
            })
            .collect()
    }

    #[test]
    fn direct_quote_marks_after_and_before() {
        let q = quotes("“It doesn’t make any sense,” Clinton said.", "en");
        assert_eq!(q[0].0, "“It doesn’t make any sense,”");
        assert_eq!(q[0].1.as_deref(), Some("Clinton"));
        assert_eq!(q[0].3, QuoteKind::Direct);
        let q = quotes(
            "She adds, “What kind of genius loses a billion dollars?”",
            "en",
        );
        assert_eq!(q[0].1.as_deref(), Some("She"));
        let q = quotes("„Das ist ein schwarzer Tag“, sagte Merkel.", "de");
        assert_eq!(q[0].1.as_deref(), Some("Merkel"));
    }

    #[test]
    fn roles_are_offices_not_names_determiners_or_relative_clauses() {
        let role = |t: &str| {
            let toks = tokenize(t);
            let ents = crate::entities::find_entities(t, &toks, "en");
            let q = find_quotes(t, &toks, "en", &ents);
            q.first().map(|q| {
                (
                    q.speaker_name.clone(),
                    q.role.clone(),
                    q.affiliation.clone(),
                )
            })
        };
        let r = role("The port director, Karin Sjöholm, said the hall had passed an inspection.");
        assert_eq!(
            r,
            Some((
                Some("Karin Sjöholm".into()),
                Some("port director".into()),
                None
            ))
        );
        let r = role("The rescue service said one of the dead was a guard.");
        assert_eq!(r.and_then(|r| r.1), None);
        let r = role(
            "“We saw the flames,” said Paweł Dudek, a driver from Szczecin who was taking furniture home.",
        );
        assert_eq!(
            r,
            Some((
                Some("Paweł Dudek".into()),
                Some("a driver".into()),
                Some("Szczecin".into())
            ))
        );
    }

    #[test]
    fn a_preposition_that_governs_a_case_stays_in_the_affiliation() {
        let t = "– Jesteśmy w stałym kontakcie z rodzinami – zapewnia Łukasz Mazur z firmy transportowej z Gorzowa.";
        let toks = tokenize(t);
        let ents = crate::entities::find_entities(t, &toks, "pl");
        let q = find_quotes(t, &toks, "pl", &ents);
        assert_eq!(
            q[0].affiliation.as_deref(),
            Some("z firmy transportowej z Gorzowa")
        );
        let t = "“It was a black day,” said Anna Berg from the city police.";
        let toks = tokenize(t);
        let ents = crate::entities::find_entities(t, &toks, "en");
        let q = find_quotes(t, &toks, "en", &ents);
        assert_eq!(q[0].affiliation.as_deref(), Some("city police"));
    }

    #[test]
    fn dash_quotes_and_titles() {
        let t = "Attack near Moscow. – The motivations are laid out directly – explains Dr. Hab. Łukasz Fyderek from the Institute of the Middle East.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "en", &[]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker_name.as_deref(), Some("Łukasz Fyderek"));
        assert_eq!(
            q[0].affiliation.as_deref(),
            Some("Institute of the Middle East")
        );
        let t = "– These fighters are trying to push Russia out, explains Schmidt.";
        let q = quotes(t, "en");
        assert_eq!(q[0].0, "– These fighters are trying to push Russia out");
        assert_eq!(q[0].1.as_deref(), Some("Schmidt"));
    }

    #[test]
    fn indirect_and_carry_over() {
        let t = "Gruppen har vuxit sig starkare i regionen, skriver Alex Rossi för Sky News.\n\n”Gruppen lär också vilja orsaka kaos i Ryssland.”";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "sv", &[]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].kind, QuoteKind::Indirect);
        assert_eq!(q[0].speaker_name.as_deref(), Some("Alex Rossi"));
        assert_eq!(q[0].outlet.as_deref(), Some("Sky News"));
        assert_eq!(q[1].kind, QuoteKind::Direct);
        assert_eq!(q[1].speaker_name.as_deref(), Some("Alex Rossi"));
        let q = quotes(
            "Kevin Sullivan says he instructed staff Monday to check the records.",
            "en",
        );
        assert_eq!(q[0].0, "he instructed staff Monday to check the records");
        assert_eq!(q[0].1.as_deref(), Some("Kevin Sullivan"));
        let q = quotes("The group is growing, according to the Pentagon.", "en");
        assert_eq!(q[0].0, "The group is growing");
    }

    #[test]
    fn newswire_quotes_appositives_and_interruptions() {
        let q = quotes(
            "''The lack of reciprocity is deplorable,'' said Elez Biberaj, the director.",
            "en",
        );
        assert_eq!(q[0].0, "''The lack of reciprocity is deplorable,''");
        assert_eq!(q[0].1.as_deref(), Some("Elez Biberaj"));
        let q = quotes(
            "Rendell, a Clinton surrogate, said he had battled pneumonia three times.",
            "en",
        );
        assert_eq!(q[0].0, "he had battled pneumonia three times");
        assert_eq!(q[0].1.as_deref(), Some("Rendell, a Clinton surrogate"));
        let t = "The latest test, North Korea said, was its biggest yet.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "en", &[]);
        let segs: Vec<&str> = q[0].content.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(segs, ["The latest test", "was its biggest yet"]);
        let q = quotes(
            "Officials said on Friday that the curfew would continue, citing new protests.",
            "en",
        );
        assert_eq!(q[0].0, "that the curfew would continue");
    }

    #[test]
    fn noun_cues_with_a_possessor_report_their_clause() {
        let q = quotes(
            "Lena Holm spoke on Monday. Contrary to her claim that the bridge would open in May, work has stopped.",
            "en",
        );
        let c = q.iter().find(|x| x.0.starts_with("that the bridge"));
        let c = c.unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(c.0, "that the bridge would open in May");
        assert_eq!(c.1.as_deref(), Some("her"));
        let q = quotes(
            "In the end Mayor Tom Berg’s earlier assertion that the budget was balanced held up.",
            "en",
        );
        let c = q.iter().find(|x| x.0.starts_with("that the budget"));
        let c = c.unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(c.1.as_deref(), Some("Mayor Tom Berg’s"));
        let q = quotes(
            "The park was saved after an admission from Mayor Tom Berg that the budget had room.",
            "en",
        );
        let c = q.iter().find(|x| x.0.starts_with("that the budget"));
        let c = c.unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(c.1.as_deref(), Some("Mayor Tom Berg"));
        // A relative "that" ("the claim that was made") and a noun without a possessor are no
        // attribution.
        for t in [
            "Nobody repeated his claim that was made in the hall last year.",
            "The claim that the bridge would open in May has been denied.",
        ] {
            assert!(
                quotes(t, "en").iter().all(|x| !x.0.starts_with("that")),
                "{t}"
            );
        }
        let q = quotes(
            "Der Minister wiederholte seine Behauptung, dass die Brücke im Mai öffnet.",
            "de",
        );
        assert!(
            q.iter().any(|x| x.0 == "dass die Brücke im Mai öffnet"),
            "{q:?}"
        );
        let q = quotes(
            "El ministro repitió su advertencia de que el puente no abrirá en mayo.",
            "es",
        );
        assert!(
            q.iter().any(|x| x.0 == "que el puente no abrirá en mayo"),
            "{q:?}"
        );
    }

    #[test]
    fn passive_agents_are_sources_of_their_subject() {
        let q = quotes(
            "The harbour plan was rejected by 61 percent of the voters. Jan Berg, meanwhile, is supported by two local papers.",
            "en",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "The harbour plan");
        assert_eq!(q[0].1.as_deref(), Some("61 percent of the voters"));
        assert_eq!(q[1].0, "Jan Berg");
        assert_eq!(q[1].1.as_deref(), Some("two local papers"));
        // A relative pronoun, a lone pronoun or a participle phrase is no subject to report.
        for t in [
            "It was a deal that was rejected by most members.",
            "They were backed by the union.",
            "The mayor, seated on the stage, was criticized by residents.",
        ] {
            assert!(
                quotes(t, "en")
                    .iter()
                    .all(|x| !x.0.is_empty() && x.0 != "They"),
                "{t}"
            );
        }
        let q = quotes("La propuesta fue rechazada por el consejo municipal.", "es");
        assert!(q.iter().any(|x| x.0 == "La propuesta"), "{q:?}");
    }

    #[test]
    fn statements_and_interviews_as_adjuncts() {
        let q = quotes(
            "In a statement on Tuesday, Anna Lind said the plant would close in June.",
            "en",
        );
        assert!(
            q.iter().any(|x| x.0 == "the plant would close in June"),
            "{q:?}"
        );
        let q = quotes(
            "Anna Lind was quoted as saying the plant would close in June.",
            "en",
        );
        assert!(
            q.iter().any(|x| x.0 == "the plant would close in June"),
            "{q:?}"
        );
        let q = quotes(
            "Anna Lind, the head of the works council, said in a brief statement on Friday that the plant would close in June.",
            "en",
        );
        assert!(
            q.iter()
                .any(|x| x.0 == "that the plant would close in June"),
            "{q:?}"
        );
        let q = quotes(
            "Anna Lind said in a statement that the plant would close in June.",
            "en",
        );
        assert!(
            q.iter()
                .any(|x| x.0 == "that the plant would close in June"),
            "{q:?}"
        );
    }

    #[test]
    fn an_office_before_the_name_is_the_role() {
        assert_eq!(
            office_before_name(
                "said British Prime Minister Theresa May.",
                Some((5, 39)),
                Some("Theresa May")
            )
            .as_deref(),
            Some("British Prime Minister")
        );
        // A bare name, or a source that is not office + name, gives no role.
        assert_eq!(
            office_before_name("Theresa May", Some((0, 11)), Some("Theresa May")),
            None
        );
        assert_eq!(
            office_before_name("the company's head May", Some((0, 22)), Some("May")),
            None
        );
        assert_eq!(office_before_name("she", Some((0, 3)), None), None);
        assert_eq!(
            office_before_name(
                "The port director, Karin Sjöholm",
                Some((0, "The port director, Karin Sjöholm".len())),
                Some("Karin Sjöholm")
            )
            .as_deref(),
            Some("port director")
        );
        assert_eq!(
            office_before_name("The rescue service", Some((0, 18)), Some("rescue service")),
            None
        );
        // A one-word office reads lower case after the name; titles and acronyms stay.
        let office =
            |src: &str, name: &str| office_before_name(src, Some((0, src.len())), Some(name));
        assert_eq!(
            office("Hamnchefen Karin Sjöholm", "Karin Sjöholm").as_deref(),
            Some("hamnchefen")
        );
        assert_eq!(
            office("Gen. Michael Kurilla", "Michael Kurilla").as_deref(),
            Some("Gen.")
        );
        assert_eq!(
            office("CEO Satya Nadella", "Satya Nadella").as_deref(),
            Some("CEO")
        );
    }

    #[test]
    fn speaker_names_without_their_roles() {
        let t = "Marta Lind, the company's head of operations, said the fire was out.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "en", &[]);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker_name.as_deref(), Some("Marta Lind"));
        assert_eq!(
            q[0].role.as_deref(),
            Some("the company's head of operations")
        );
        let (s, e) = q[0].content[0];
        assert_eq!(&t[s..e], "the fire was out");
        for (lang, t, role, aff) in [
            (
                "en",
                "“We evacuated everyone,” said Marta Lind, the company's head of operations.",
                "the company's head of operations",
                None,
            ),
            (
                "sv",
                "”Vi evakuerade alla”, säger Marta Lind, driftchef på Baltic Link Lines.",
                "driftchef",
                Some("Baltic Link Lines"),
            ),
            (
                "pl",
                "– Ewakuowaliśmy wszystkich – powiedziała Marta Lind, szefowa operacji w firmie.",
                "szefowa operacji w firmie",
                None,
            ),
            (
                "de",
                "„Wir haben alle evakuiert“, sagte Marta Lind, die Betriebsleiterin der Firma.",
                "die Betriebsleiterin der Firma",
                None,
            ),
            (
                "fr",
                "« Nous avons tout évacué », a déclaré Marta Lind, directrice des opérations.",
                "directrice des opérations",
                None,
            ),
            (
                "es",
                "\"Evacuamos a todos\", dijo Marta Lind, jefa de operaciones de la compañía.",
                "jefa de operaciones de la compañía",
                None,
            ),
        ] {
            let toks = tokenize(t);
            let q = find_quotes(t, &toks, lang, &[]);
            assert_eq!(q.len(), 1, "{lang}: {q:?}");
            assert_eq!(q[0].speaker_name.as_deref(), Some("Marta Lind"), "{lang}");
            assert_eq!(q[0].role.as_deref(), Some(role), "{lang}");
            assert_eq!(q[0].affiliation.as_deref(), aff, "{lang}");
        }
    }

    #[test]
    fn quoted_fragments_inside_reported_speech() {
        let q = quotes(
            "Holm said that the ad “unmistakably and wrongfully” suggests that the police support him.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].0.starts_with("that the ad “unmistakably"), "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Holm"));
        assert_eq!(q[0].3, QuoteKind::Mixed);
        let q = quotes(
            "Spokeswoman Jessica Ditto said via email that, “Of course he will defend himself” against the attacks.",
            "en",
        );
        assert!(q[0].0.starts_with("that, “Of course"), "{q:?}");
        assert_eq!(q[0].2.as_deref(), Some("Jessica Ditto"));
        let q = quotes(
            "The state’s campaign chairman, Phil Lovas, said he cannot comment on the letter.",
            "en",
        );
        assert_eq!(q[0].0, "he cannot comment on the letter");
        assert_eq!(q[0].2.as_deref(), Some("Phil Lovas"));
    }

    #[test]
    fn broader_cues_and_reported_speech_forms() {
        // A lowercase source after "according to".
        let q = quotes(
            "According to exit polls, the senator had a ten-point lead among older voters.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].0,
            "the senator had a ten-point lead among older voters"
        );
        assert_eq!(q[0].1.as_deref(), Some("exit polls"));
        // "It says …", relative "who said …".
        let q = quotes(
            "The city sent a letter Thursday. It says the campaign violated state law.",
            "en",
        );
        assert_eq!(q[0].0, "the campaign violated state law");
        assert_eq!(q[0].1.as_deref(), Some("It"));
        // ", adding that …" after a direct quote takes the direct quote's speaker.
        let q = quotes(
            "“We do not see a link,” the mayor said, adding that it would take more hours.",
            "en",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].0, "that it would take more hours");
        assert_eq!(q[1].1.as_deref(), Some("the mayor"));
        // Quoted words closing a sentence credited to the speaker: the whole sentence.
        let q = quotes(
            "Officials met on Monday. Using the tax ''is a misguided approach,'' Mr. Burman said.",
            "en",
        );
        assert_eq!(q[0].0, "Using the tax ''is a misguided approach,''");
        assert_eq!(q[0].3, QuoteKind::Mixed);
        // A title-case headline.
        let q = quotes("Museum Will Tell a Hard Story, Mayor Ann Lee Says.", "en");
        assert_eq!(q[0].0, "Museum Will Tell a Hard Story");
        // The addressee of "told" is not content.
        let q = quotes("Ann Lee told reporters the plan was dead.", "en");
        assert_eq!(q[0].0, "the plan was dead");
        // Stance verbs beyond "said", in several languages.
        let q = quotes(
            "Donald Trump bemoaned the unrest in the city and blamed its mayor.",
            "en",
        );
        assert_eq!(q[0].1.as_deref(), Some("Donald Trump"));
        for (lang, t, src) in [
            (
                "de",
                "Der Minister bezeichnete die Lage als ernst.",
                "Der Minister",
            ),
            ("sv", "Anna Lind meddelade att bron är stängd.", "Anna Lind"),
            (
                "es",
                "El alcalde anunció que el puente está cerrado.",
                "El alcalde",
            ),
            ("fr", "D'après la police, le pont est fermé.", "la police"),
        ] {
            let q = quotes(t, lang);
            assert_eq!(q.len(), 1, "{lang}: {q:?}");
            let got = q[0].1.as_deref().unwrap_or("");
            assert!(!got.is_empty() && src.ends_with(got), "{lang}: {got}");
        }
    }

    /// (content, source) pairs of `text` in English.
    fn pairs(text: &str) -> Vec<(String, Option<String>)> {
        quotes(text, "en")
            .into_iter()
            .map(|(c, s, _, _)| (c, s))
            .collect()
    }

    #[test]
    fn sources_with_numbers_abbreviations_and_negations() {
        let q = pairs("Clinton leads. Another 19 percent said they would not pick either one.");
        assert_eq!(q[0].1.as_deref(), Some("Another 19 percent"), "{q:?}");
        assert_eq!(q[0].0, "they would not pick either one");
        let q = pairs("Lawmakers waited. The S.E.C. said it would increase oversight as well.");
        assert_eq!(q[0].1.as_deref(), Some("The S.E.C."), "{q:?}");
        let q = pairs("The former first lady and U.S. senator said it was a mistake to do so.");
        assert_eq!(q[0].0, "it was a mistake to do so", "{q:?}");
        let q = pairs("The nominee and his aides haven't said much about how he is preparing.");
        assert_eq!(q[0].0, "much about how he is preparing", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("his aides"));
        let q = pairs(
            "Former Gov. Ed Rendell, who led the party during the 2000 election, agreed that the \
             rules should be modernized.",
        );
        assert_eq!(q[0].0, "that the rules should be modernized", "{q:?}");
        assert!(
            q[0].1.as_deref().is_some_and(|s| s.contains("Ed Rendell")),
            "{q:?}"
        );
        let q = pairs("After campaign aides insisted in June that he would not run, he ran.");
        assert_eq!(q[0].1.as_deref(), Some("campaign aides"), "{q:?}");
    }

    #[test]
    fn content_boundaries() {
        // A second attribution joined by "and" / "but" ends the first content.
        let q = pairs(
            "Republicans said they are convinced the department mishandled the case and \
             Democrats accused the party of stoking the issue.",
        );
        assert_eq!(
            q[0].0, "they are convinced the department mishandled the case",
            "{q:?}"
        );
        let q =
            pairs("His aides say it is too early to discuss a run but noted that he won before.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "it is too early to discuss a run");
        assert_eq!(q[1].0, "that he won before");
        assert_eq!(q[1].1.as_deref(), Some("His aides"));
        // Quoted words that close the reported speech keep their closing marks.
        let q = pairs("Park said Kim's mental state is “spiraling out of control.”");
        assert_eq!(
            q[0].0, "Kim's mental state is “spiraling out of control.”",
            "{q:?}"
        );
        // Time and medium adjuncts and the verb's preposition are not content.
        let q = pairs("Officials said Friday the bridge would reopen next week.");
        assert_eq!(q[0].0, "the bridge would reopen next week", "{q:?}");
        let q = pairs("The company said in a statement the plant will close in May.");
        assert_eq!(q[0].0, "the plant will close in May", "{q:?}");
        let q = pairs("The senator warned against cutting the budget for the navy.");
        assert_eq!(q[0].0, "cutting the budget for the navy", "{q:?}");
        // A long source before the cue: "Rep. John Mica (R-Fla.) said".
        let q =
            pairs("“They may not answer,” Rep. John Mica (R-Fla.) said. “That is their right.”");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Rep. John Mica"));
    }

    #[test]
    fn run_on_attributions_stay_disjoint() {
        let t = "Ann Lee said 12 were killed in Moscow in 2002, ".repeat(300) + ".";
        let toks = tokenize(&t);
        let q = find_quotes(&t, &toks, "en", &[]);
        assert!(q.len() >= 250, "{}", q.len());
        let mut spans: Vec<(usize, usize)> = q.iter().flat_map(|q| q.content.clone()).collect();
        spans.sort_unstable();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0));
        assert!(spans.iter().all(|&(s, e)| e - s < 200));
    }

    #[test]
    fn german_reported_speech() {
        let t = "Der Minister sagte, die Lage sei ernst. Man habe alle Kräfte mobilisiert.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "de", &[]);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].kind, QuoteKind::Indirect);
        assert_eq!(q[1].speaker_name, q[0].speaker_name);
        let q = quotes(
            "Nach Angaben der Polizei sind drei Menschen verletzt worden.",
            "de",
        );
        assert_eq!(q[0].0, "sind drei Menschen verletzt worden");
    }

    #[test]
    fn unbalanced_marks_do_not_panic() {
        for t in ["“", "„a b c d e f g", "« »", "– – –", "\"\"\"", "‘x’s"] {
            let toks = tokenize(t);
            let _ = find_quotes(t, &toks, "en", &[]);
        }
    }

    #[test]
    fn stance_verbs_after_and_continue_the_content() {
        let q = pairs("Officials say the driver ignored a warning and refused to stop the car.");
        assert_eq!(
            q,
            vec![(
                "the driver ignored a warning and refused to stop the car".to_string(),
                Some("Officials".to_string())
            )]
        );
        // A verb of speech after "and" still starts a new attribution.
        let q = pairs("Officials say the driver ignored a warning and added that he was fined.");
        assert_eq!(q[0].0, "the driver ignored a warning");
    }

    #[test]
    fn what_someone_calls_stays_inside_reported_speech() {
        let q =
            pairs("Lind says she admired their courage through what she calls “a war of words.”");
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].0,
            "she admired their courage through what she calls “a war of words.”"
        );
        assert_eq!(q[0].1.as_deref(), Some("Lind"));
    }

    #[test]
    fn organisation_and_role_before_or_after_a_name() {
        let q = pairs("“We will act,” City Hall press officer Maria Lind said. “We are ready.”");
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].1.as_deref(),
            Some("City Hall press officer Maria Lind")
        );
        let q = pairs("“We will act,” said City Hall press officer Maria Lind.");
        assert_eq!(
            q[0].1.as_deref(),
            Some("City Hall press officer Maria Lind")
        );
        // Not across a verb: "said Lind lied about Berg" has no role.
        let q = pairs("He said Lind lied about Berg in the meeting.");
        assert_eq!(q[0].1.as_deref(), Some("He"));
    }

    #[test]
    fn adjuncts_before_that_and_leading_conjunctions() {
        let q = pairs("Lind said during a long rally in Oslo that the plan would work.");
        assert_eq!(q[0].0, "that the plan would work");
        let q = pairs("Berg told the local radio station on Friday how the fire started.");
        assert_eq!(q[0].0, "how the fire started");
        let q = pairs("It rained. But the plan is not about money at all, according to the mayor.");
        assert_eq!(q[0].0, "the plan is not about money at all");
        let q = pairs("OSLO ― The plan is not about money at all, officials said Friday.");
        assert_eq!(q[0].0, "The plan is not about money at all");
    }

    #[test]
    fn split_quote_joins_across_a_long_attribution_sentence() {
        let t = "“The fund was set up to fail,” said Maria Lind, a lawyer at a firm in Oslo, who \
                 represents the city in the long and costly bankruptcy case. “It was doomed.”";
        let q = quotes(t, "en");
        assert_eq!(q.len(), 1);
        assert!(q[0].0.ends_with("“It was doomed.”"));
    }

    #[test]
    fn determiners_make_cue_words_nouns() {
        assert!(
            pairs("His plans to build a bridge over the river were dropped last year.").is_empty()
        );
        let q = pairs("Poll: Lind and Berg in a dead heat before the vote.");
        assert_eq!(q[0].0, "Lind and Berg in a dead heat before the vote");
    }

    #[test]
    fn determiners_quantifiers_colons_and_headline_verbs() {
        let q = pairs("Growth is being offset by faster gains elsewhere, the IMF said.");
        assert_eq!(q[0].1.as_deref(), Some("the IMF"), "{q:?}");
        assert_eq!(q[0].0, "Growth is being offset by faster gains elsewhere");
        let q = pairs("The meeting went badly from there, said one source.");
        assert_eq!(q[0].0, "The meeting went badly from there", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("one source"));
        let q = pairs("Lind said in a statement: The bridge will stay closed until spring.");
        assert_eq!(q[0].0, "The bridge will stay closed until spring", "{q:?}");
        let q = pairs("New Poll Shows Narrow Lead For Lind");
        assert_eq!(q[0].0, "Narrow Lead For Lind", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("New Poll"));
    }

    #[test]
    fn quoted_words_opening_reported_speech_and_subjects_of_participles() {
        let q = pairs("He said “budget reforms” and unpaid taxes would pay for the plan.");
        assert_eq!(
            q[0].0, "“budget reforms” and unpaid taxes would pay for the plan",
            "{q:?}"
        );
        let q = pairs(
            "The Harbour Workers Union filed a motion on Monday, arguing that the records \
             should be public.",
        );
        assert_eq!(q[0].0, "that the records should be public", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("The Harbour Workers Union"));
        let q = pairs("Lind has used the phrase often, and criticized Berg for avoiding it.");
        assert_eq!(q[0].0, "Berg for avoiding it", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Lind"));
        // A verb particle before the complementizer stays out of the content.
        let q = quotes(
            "Er sperrte die Straße und teilte mit, dass der Mann bewaffnet sei.",
            "de",
        );
        assert_eq!(q[0].0, "dass der Mann bewaffnet sei", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Er"));
    }

    #[test]
    fn names_ending_in_modals_or_hyphens_and_objects_after_the_cue() {
        let q =
            pairs("Talks stalled. Prime Minister Theresa May said that the country would leave.");
        assert_eq!(q[0].0, "that the country would leave", "{q:?}");
        assert!(
            q[0].1
                .as_deref()
                .is_some_and(|s| s.ends_with("Theresa May"))
        );
        let q = pairs("Talks stalled. President Park Geun-hye said the test was a provocation.");
        assert_eq!(q[0].0, "the test was a provocation", "{q:?}");
        assert!(
            q[0].1
                .as_deref()
                .is_some_and(|s| s.ends_with("Park Geun-hye"))
        );
        let q = pairs("In her 2003 memoir, Living History, Lind noted the clot's existence.");
        assert_eq!(q[0].0, "the clot's existence", "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Lind"));
        // The question put to a speaker is reported speech without a source.
        let q = pairs("Asked about the fire, Lind said the plant would stay closed.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0], ("the fire".to_string(), None));
        assert_eq!(q[1].0, "the plant would stay closed");
    }

    #[test]
    fn participle_clause_ends_indirect_content() {
        let q = quotes(
            "The mayor said the bridge would reopen in May, prompting complaints from drivers.",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "the bridge would reopen in May");
        assert_eq!(q[0].1.as_deref(), Some("The mayor"));
        // "including" is no participle clause: the list stays in the content.
        let q = quotes(
            "The mayor said several roads would close, including the harbour road.",
            "en",
        );
        assert_eq!(
            q[0].0,
            "several roads would close, including the harbour road"
        );
    }

    #[test]
    fn past_form_before_that_is_an_open_cue() {
        let q = quotes(
            "Dr. Maria Lopez theorized that the valve had failed under pressure.",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "that the valve had failed under pressure");
        assert_eq!(q[0].1.as_deref(), Some("Dr. Maria Lopez"));
        // Not in other languages, and not "provided that" (a condition).
        let q = quotes(
            "The loan is approved provided that the council signs the plan.",
            "en",
        );
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn long_subjects_before_the_cue() {
        let q = quotes(
            "A survey of 2,000 nurses across three regions shows that most plan to stay in the profession.",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "that most plan to stay in the profession");
        assert_eq!(
            q[0].1.as_deref(),
            Some("A survey of 2,000 nurses across three regions")
        );
        let q = quotes(
            "Rossi, 61, who has led the union since 2009, told a local radio station the strike would go on.",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0].1.as_deref(),
            Some("Rossi, 61, who has led the union since 2009,")
        );
        let q = quotes(
            "Rents rose by 4 percent last year, a study of city housing records shows.",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "Rents rose by 4 percent last year");
        assert_eq!(q[0].1.as_deref(), Some("a study of city housing records"));
        // A subject with a verb of its own is no source phrase.
        let q = quotes(
            "The council took to the streets to demand new parks for the city.",
            "en",
        );
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn german_laut_and_nach_without_comma() {
        let q = quotes(
            "Laut der Feuerwehr wurden drei Menschen leicht verletzt.",
            "de",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "wurden drei Menschen leicht verletzt");
        assert_eq!(q[0].1.as_deref(), Some("der Feuerwehr"));
        let q = quotes(
            "Nach einer neuen Studie schlafen Jugendliche zu wenig.",
            "de",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "schlafen Jugendliche zu wenig");
        assert_eq!(q[0].1.as_deref(), Some("einer neuen Studie"));
        // "nach" as "after" is no attribution.
        let q = quotes("Nach dem Spiel feierten die Fans bis in die Nacht.", "de");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn german_source_inside_the_sentence_splits_the_content() {
        let t = "Der Zug soll laut Bahnsprecher Klaus Weber am Abend wieder fahren.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "de", &[]);
        assert_eq!(q.len(), 1);
        let segs: Vec<&str> = q[0].content.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(segs, ["Der Zug soll", "am Abend wieder fahren"]);
        assert_eq!(
            q[0].source.map(|(s, e)| &t[s..e]),
            Some("Bahnsprecher Klaus Weber")
        );
        let t = "Die Brücke bleibt nach Angaben der Stadt bis Freitag gesperrt.";
        let toks = tokenize(t);
        let q = find_quotes(t, &toks, "de", &[]);
        assert_eq!(q.len(), 1);
        let segs: Vec<&str> = q[0].content.iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(segs, ["Die Brücke bleibt", "bis Freitag gesperrt"]);
        assert_eq!(
            q[0].source.map(|(s, e)| &t[s..e]),
            Some("Angaben der Stadt")
        );
    }

    #[test]
    fn sentence_closed_by_said_reports_the_whole_sentence() {
        let q = quotes(
            "The protocol called for the patient to be taken to a trauma center, sources said.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].0,
            "The protocol called for the patient to be taken to a trauma center"
        );
        assert_eq!(q[0].1.as_deref(), Some("sources"));
        // A long tail after the cue is reported speech of its own.
        let q = quotes(
            "While he admitted the budget was tight, Lee also noted several other problems left him unhappy.",
            "en",
        );
        assert!(
            q.iter()
                .any(|x| x.1.as_deref() == Some("Lee") && x.0.starts_with("several")),
            "{q:?}"
        );
    }

    #[test]
    fn odd_sentence_openings_do_not_panic() {
        for t in [
            "Who said the plan would fail?",
            "Which analysis shows that rents rose?",
            ", said the mayor.",
            "laut",
            "Laut",
            "nach Angaben",
            "Der Zug soll laut",
        ] {
            for lang in ["en", "de"] {
                let _ = quotes(t, lang);
            }
        }
    }

    #[test]
    fn that_after_a_clause_is_inside_the_content() {
        let q = quotes(
            "He said Obama hopes that his successor will push for the same goals.",
            "en",
        );
        assert_eq!(
            q[0].0,
            "Obama hopes that his successor will push for the same goals"
        );
        let q = quotes(
            "Lynch said the constant demands that come with the job erase the line.",
            "en",
        );
        assert_eq!(
            q[0].0,
            "the constant demands that come with the job erase the line"
        );
        // An addressee and a time still go before "that".
        let q = quotes(
            "Jones told reporters on Friday that the plant would stay closed.",
            "en",
        );
        assert_eq!(q[0].0, "that the plant would stay closed");
    }

    fn segments(text: &str, lang: &str) -> Vec<Vec<String>> {
        let toks = tokenize(text);
        find_quotes(text, &toks, lang, &[])
            .into_iter()
            .map(|q| {
                q.content
                    .iter()
                    .map(|&(s, e)| text[s..e].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_parenthetical_attribution_splits_one_quote() {
        let q = segments(
            "Storage costs, the manager added, were “far higher than planned.”",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0], ["Storage costs", "were “far higher than planned.”"]);
        // An opening adjunct is not part of the quote.
        let q = segments(
            "In a statement, Lind said, that the port “will reopen in May.”",
            "en",
        );
        assert_eq!(q[0], ["that the port “will reopen in May.”"]);
    }

    #[test]
    fn a_further_quoted_sentence_joins_the_attributed_quote() {
        let q = segments(
            "“We will rebuild the bridge,” the mayor said on Monday. “It will take two years.”",
            "en",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(
            q[0],
            ["“We will rebuild the bridge,”", "“It will take two years.”"]
        );
        // A new paragraph keeps its own quote.
        let q = segments(
            "“We will rebuild the bridge,” the mayor said.\n\n“It will take two years.”",
            "en",
        );
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn but_with_a_new_predicate_goes_on() {
        let q = quotes(
            "Jones said the plan was costly, but would create jobs in the region.",
            "en",
        );
        assert_eq!(
            q[0].0,
            "the plan was costly, but would create jobs in the region"
        );
        // A new subject after "but" starts another statement.
        let q = quotes(
            "Jones said the plan was costly, but the council approved it anyway.",
            "en",
        );
        assert_eq!(q[0].0, "the plan was costly");
    }

    #[test]
    fn the_addressee_of_a_question_is_not_content() {
        let q = quotes(
            "The host asked the senator whether the bill would pass this year.",
            "en",
        );
        assert_eq!(q[0].0, "whether the bill would pass this year");
        // The addressee of a request belongs to it.
        let q = quotes(
            "The governor urged residents to leave the coast before the storm.",
            "en",
        );
        assert_eq!(q[0].0, "residents to leave the coast before the storm");
    }

    #[test]
    fn addressees_and_adjuncts_before_that_with_quoted_words() {
        let q = quotes(
            "Berg told the local radio station that the mill “will never close.”",
            "en",
        );
        assert_eq!(q[0].0, "that the mill “will never close.”");
        let q = quotes(
            "Berg said on television that the mill “will never close.”",
            "en",
        );
        assert_eq!(q[0].0, "that the mill “will never close.”");
        let q = quotes(
            "Berg said that in any case, “the mill will never close.”",
            "en",
        );
        assert_eq!(q[0].0, "that in any case, “the mill will never close.”");
        let q = quotes(
            "Jones rejected the plan on Monday, pointing out that the shifts were too long.",
            "en",
        );
        assert!(
            q.iter().any(|x| x.0 == "that the shifts were too long"),
            "{q:?}"
        );
    }

    #[test]
    fn according_to_between_an_adjunct_and_its_clause() {
        let q = segments(
            "Over the past decade, according to the census office, the town lost a third of its people.",
            "en",
        );
        assert_eq!(
            q[0],
            [
                "Over the past decade",
                "the town lost a third of its people"
            ]
        );
        // A full clause before the source stays the only content.
        let q = segments(
            "The town lost a third of its people over the past decade, according to the census office.",
            "en",
        );
        assert_eq!(
            q[0],
            ["The town lost a third of its people over the past decade"]
        );
    }

    #[test]
    fn a_next_quote_with_its_own_attribution_stays_apart() {
        let q = quotes(
            "“We will finish the bridge this year,” she said. “The money is already there,” she added.",
            "en",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "“We will finish the bridge this year,”");
        assert_eq!(q[1].0, "“The money is already there,”");
        // Without an attribution of its own, the next quote goes on with the first.
        let q = segments(
            "“We will finish the bridge this year,” she said. “The money is already there.”",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].len(), 2);
    }

    #[test]
    fn a_short_subject_opens_a_quoted_predicate() {
        let q = quotes(
            "Kowalski “has done a fine job on the bridge,” the mayor said.",
            "en",
        );
        assert_eq!(q[0].0, "Kowalski “has done a fine job on the bridge,”");
        let q = quotes(
            "He had “wanted to be a pilot since he was five,” his sister said.",
            "en",
        );
        assert_eq!(q[0].0, "He had “wanted to be a pilot since he was five,”");
        // A lowercase fragment is not a subject.
        let q = quotes("and “the plan is dead,” the mayor said.", "en");
        assert_eq!(q[0].0, "“the plan is dead,”");
    }

    #[test]
    fn a_relative_word_before_the_source_opens_the_content() {
        let q = segments(
            "The council cut the night buses, which the mayor said was a costly mistake.",
            "en",
        );
        assert!(
            q.contains(&vec![
                "which".to_string(),
                "was a costly mistake".to_string()
            ]),
            "{q:?}"
        );
        // After a preposition, the relative word is an adjunct of the clause.
        let q = segments(
            "The mayor gave a speech in which she said the buses would return.",
            "en",
        );
        assert!(q.iter().all(|s| s.iter().all(|x| x != "which")), "{q:?}");
    }

    #[test]
    fn a_particle_after_the_cue_is_not_content() {
        let q = quotes(
            "The union has argued for a shorter working week in all plants.",
            "en",
        );
        assert_eq!(q[0].0, "a shorter working week in all plants", "{q:?}");
    }

    #[test]
    fn quoted_fragments_of_one_clause_are_one_content() {
        let q = segments(
            "Berg said the mill \"will never close\" and that the town \"will keep its jobs.\"",
            "en",
        );
        assert_eq!(
            q[0],
            ["the mill \"will never close\" and that the town \"will keep its jobs.\""]
        );
    }

    #[test]
    fn a_closing_parenthesis_is_not_content() {
        let q = quotes(
            "The mill closed in May. (The owner said the timing was unrelated.) Workers left.",
            "en",
        );
        assert!(q.iter().any(|x| x.0 == "the timing was unrelated"), "{q:?}");
    }

    #[test]
    fn opening_adjunct_then_source_and_short_clause() {
        let q = quotes(
            "Late on Monday, the city council said it would comply.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "it would comply");
        assert_eq!(q[0].1.as_deref(), Some("the city council"));
        let q = quotes(
            "After a long meeting with the staff, she said he had her support.",
            "en",
        );
        assert_eq!(q[0].0, "he had her support");
    }

    #[test]
    fn trailing_told_keeps_the_addressee_out() {
        let q = quotes(
            "The bridge had been closed for repairs since May, a city spokesman told The Daily Courier.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "The bridge had been closed for repairs since May");
        assert_eq!(q[0].1.as_deref(), Some("a city spokesman"));
    }

    #[test]
    fn subordinate_clause_ends_the_reported_clause() {
        let q = quotes(
            "While the league says it is close to a deal, several owners remain opposed.",
            "en",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "it is close to a deal");
        let q = quotes(
            "But although Mr. Berg said the plan was sound, the board voted it down.",
            "en",
        );
        assert_eq!(q[0].0, "the plan was sound");
        // A main-clause cue keeps the whole clause.
        let q = quotes(
            "Mr. Berg said the plan was sound, and the board should approve it.",
            "en",
        );
        assert_eq!(
            q[0].0,
            "the plan was sound, and the board should approve it"
        );
    }
}
