//! Document representation: features extracted from a title and a text, weighted by TF-IDF with
//! document frequencies learned online, and the similarity between two documents.
//!
//! A document has two sparse, L2-normalised vectors:
//!
//! * **words**: every content word (normalised, transliterated, lightly stemmed; Han and kana
//!   text as character bigrams). Strong within one language, weak across languages;
//! * **anchors**: features that read the same in every language: places and country names
//!   (mapped to one id across languages and scripts), capitalised names and acronyms, numbers
//!   and day-month dates. They carry the cross-lingual signal and pin one incident apart from
//!   another of the same kind.
//!
//! Capitalised words count as names where capitals prove it (inside a body sentence, or
//! written in capitals); at the start of a sentence or in a headline only when the body confirms
//! them, so "Två döda i…" or "Därför…" do not pass for names. A line written in capitals
//! throughout (a broadcast transcript) proves nothing: its words are read as lower case. A [`LanguageProfile`] records
//! which language the document is written in.
//!
//! Title words count [`TITLE_WEIGHT`] times; when there is no title, a short first line of the
//! text stands in for it.
//!
//! Beside the vectors, a document keeps its *incident pins*: the details that tell one incident
//! of a kind from another — ages ("a 22-year-old", "4-month-old", "aged 40", "Smith, 22,",
//! "22-jährige"), street blocks ("the 1200 block of West Main Street") and times of day
//! ("shortly after 2:30 a.m.", "at 11pm"). They weigh nothing in
//! the similarity; the clusterer reads them when a document is about to open a new story.
//!
//! It also keeps the *subjects* of its headline: the headline's names that the body writes as a
//! person's — in full after a given name ("Jamal Williams", not the third word of "San Diego
//! Chargers"), alone elsewhere ("Williams said") and never after a definite article ("the
//! Chargers"). The clusterer keeps a look-alike about another person out of a story.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::gazetteer::GAZETTEER;
use crate::lang::{LanguageCounts, LanguageProfile};
use crate::lexicon::LEXICON;
use crate::text::{is_cjk, is_stopword, is_word_char, normalize_into, stem};

/// How many times a title word counts compared with a body word.
pub const TITLE_WEIGHT: f32 = 3.0;
/// Bytes of text read per document; the rest of an absurdly long text is ignored.
pub const MAX_TEXT_BYTES: usize = 24 * 1024;
/// Bytes of title read per document.
pub const MAX_TITLE_BYTES: usize = 1024;
/// Most word features kept per document (the highest weighted).
pub const MAX_WORDS: usize = 160;
/// Most anchor features kept per document (the highest weighted).
pub const MAX_ANCHORS: usize = 64;
/// Distinct terms remembered by a [`Vectorizer`] before terms seen once are forgotten.
pub const MAX_VOCABULARY: usize = 2_000_000;

const K_WORD: u64 = 1;
const K_ENTITY: u64 = 2;
const K_NUMBER: u64 = 3;
const K_PLACE: u64 = 4;
const K_DATE: u64 = 5;
const K_COGNATE: u64 = 6;
const K_PIN: u64 = 7;
/// Letters of a word kept as its cognate key.
const COGNATE_LEN: usize = 5;

fn key(kind: u64, s: &str) -> u64 {
    xxh3_64_with_seed(s.as_bytes(), kind)
}

/// The input of one document: any of title and text, and its time.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocInput<'a> {
    /// The headline, if any.
    pub title: Option<&'a str>,
    /// The body text, if any.
    pub text: Option<&'a str>,
    /// Publication time in seconds since the Unix epoch, if known.
    pub time: Option<i64>,
}

/// Raw term counts of one document, before weighting. Keys are hashed terms; the two lists are
/// sorted by key with no duplicates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Content words with their (title-weighted) counts.
    pub words: Vec<(u64, f32)>,
    /// Language-independent anchors (places, names, numbers, dates) with their counts.
    pub anchors: Vec<(u64, f32)>,
    /// Cognate keys (the first letters of each Latin-script word) with their counts: "hotel",
    /// "covid", "judocas"/"judokas", "olimpic"/"olympic" meet across languages.
    pub cognates: Vec<(u64, f32)>,
    /// The exclusive concepts its headline names (sport disciplines, medal colours: see
    /// [`concept`](crate::concept)), as concept numbers, sorted: a headline about judo and one
    /// about swimming are about different stories, however much else they share.
    pub kinds: Vec<u16>,
    /// Years (1900–2099) the document mentions, sorted: an article about the 2008 fight and
    /// one about the 2012 fight are different stories however alike their words.
    pub years: Vec<u16>,
    /// Which language the document is written in, from its function words and scripts.
    pub language: LanguageProfile,
    /// Incident pins, hashed and sorted: the details that tell one incident of a kind from
    /// another ("a 22-year-old", "Smith, 22,", "the 1200 block of Main Street", "2:30 a.m."). Two reports
    /// sharing them and a name or place are most likely about the same incident.
    pub pins: Vec<u64>,
    /// The people its headline is about, hashed and sorted: names of the headline that the
    /// body writes as a person's full name ("Williams" of "Jamal Williams"). Two reports whose
    /// headlines are about different people ("Chargers' Jackson arrested", "Chargers' Williams
    /// arrested") are about different events, however alike the rest of their words.
    pub subjects: Vec<u64>,
    /// The capitalised words of its headline that the body confirms as names, hashed and
    /// sorted (at most 16).
    pub headline_names: Vec<u64>,
    /// The names its body writes as a person's, hashed and sorted: in full after a given name
    /// ("Vincent Jackson") and alone elsewhere ("Jackson said"). A story's subjects are the
    /// names of its members' headlines that one of its members writes as a person's.
    pub people: Vec<u64>,
    /// Whether the document has a body text beside its headline (a feed item or a title list
    /// carries none).
    pub body: bool,
}

impl Features {
    /// Whether the document yielded no feature at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.anchors.is_empty() && self.cognates.is_empty()
    }
}

/// A weighted document: two sparse L2-normalised vectors sorted by term and the time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub(crate) words: Vec<(u64, f32)>,
    pub(crate) anchors: Vec<(u64, f32)>,
    pub(crate) cognates: Vec<(u64, f32)>,
    pub(crate) kinds: Vec<u16>,
    pub(crate) years: Vec<u16>,
    pub(crate) language: LanguageProfile,
    pub(crate) time: Option<i64>,
    /// Whether `time` is a guess (the stream's present given to an undated document).
    pub(crate) time_guessed: bool,
    /// The optional dense vector (see [`Doc::with_vector`]).
    pub(crate) vector: Option<DenseVector>,
    /// The locality-sensitive-hashing keys of `vector`, set by the clusterer that holds the
    /// document (empty without a vector).
    pub(crate) lsh: Vec<u64>,
    /// Incident pins (see [`Features::pins`]), sorted.
    pub(crate) pins: Vec<u64>,
    /// Headline subjects (see [`Features::subjects`]), sorted.
    pub(crate) subjects: Vec<u64>,
    /// Names of the headline (see [`Features::headline_names`]), sorted.
    pub(crate) headline_names: Vec<u64>,
    /// Names the body writes as a person's (see [`Features::people`]), sorted.
    pub(crate) people: Vec<u64>,
    /// Whether the document has a body text (see [`Features::body`]).
    pub(crate) body: bool,
}

impl Doc {
    /// Publication time in seconds since the Unix epoch, if known.
    pub fn time(&self) -> Option<i64> {
        self.time
    }

    /// Whether the document has no feature (no usable title or text): it is similar to nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.anchors.is_empty() && self.cognates.is_empty()
    }

    /// Attaches a dense document vector: a point in a space where documents about one event lie
    /// close together whatever their language (e.g. from a multilingual embedder). Any length
    /// from 1 to [`MAX_VECTOR_DIM`] values; only its direction counts (it is normalised and
    /// stored at one byte per value). An empty or all-zero vector, or a longer one, is ignored;
    /// non-finite values count as 0.
    ///
    /// [`similarity`] uses the vectors when both documents have one (vectors of different
    /// lengths are never compared), and the clusterer also finds candidate stories through
    /// them. Without vectors nothing changes.
    #[must_use]
    pub fn with_vector(mut self, vector: &[f32]) -> Doc {
        self.vector = DenseVector::new(vector);
        self.lsh.clear();
        self
    }

    /// Whether the document carries a dense vector (see [`Doc::with_vector`]).
    pub fn has_vector(&self) -> bool {
        self.vector.is_some()
    }

    /// The `n` highest-weighted terms of each vector, for candidate lookups.
    pub(crate) fn top_terms(&self, n: usize) -> Vec<(u64, f32)> {
        let mut out = Vec::with_capacity(3 * n);
        for v in [&self.words, &self.anchors, &self.cognates] {
            let mut part: Vec<(u64, f32)> = v.clone();
            if part.len() > n {
                part.select_nth_unstable_by(n, |a, b| b.1.total_cmp(&a.1));
                part.truncate(n);
            }
            out.extend(part);
        }
        out
    }
}

/// Counts feature occurrences while a document is read.
#[derive(Default)]
struct Acc {
    words: FxHashMap<u64, f32>,
    anchors: FxHashMap<u64, f32>,
    cognates: FxHashMap<u64, f32>,
    kinds: Vec<u16>,
    years: Vec<u16>,
    pins: Vec<u64>,
    language: LanguageCounts,
    /// Names seen where capitals prove them: inside a body sentence, or in capitals.
    confirmed: rustc_hash::FxHashSet<u64>,
    /// Capitalised words of the headline that may be names (bounded, no duplicates).
    headline_names: Vec<u64>,
    /// Names the body writes as a person's full name: a surname right after a given name
    /// ("Jamal Williams"), bounded.
    persons: Vec<u64>,
    /// Names the body also writes alone, after no other capitalised word ("Williams said"),
    /// bounded: a person's surname is, a word of an organisation's name ("Motorcycle Club")
    /// seldom is.
    alone: Vec<u64>,
    /// Names the body writes after a definite article ("the Rovers"): a team's or a
    /// company's, not a person's. Bounded.
    articled: Vec<u64>,
    /// Capitalised words where capitals prove nothing (headline, start of a sentence), with
    /// their weight: names only if confirmed.
    pending: Vec<(u64, f32)>,
}

impl Acc {
    fn word(&mut self, k: u64, w: f32) {
        *self.words.entry(k).or_insert(0.0) += w;
    }
    fn anchor(&mut self, k: u64, w: f32) {
        *self.anchors.entry(k).or_insert(0.0) += w;
    }
    fn cognate(&mut self, k: u64, w: f32) {
        *self.cognates.entry(k).or_insert(0.0) += w;
    }
    /// Records an incident pin (bounded, no duplicates).
    fn pin(&mut self, k: u64) {
        if self.pins.len() < MAX_PINS && !self.pins.contains(&k) {
            self.pins.push(k);
        }
    }
    /// Records a concept of the headline if it is an exclusive one.
    fn kind(&mut self, c: u16) {
        if LEXICON.is_exclusive(c) && !self.kinds.contains(&c) && self.kinds.len() < MAX_KINDS {
            self.kinds.push(c);
        }
    }
}

/// One token as read from the text.
struct Token<'a> {
    raw: &'a str,
    sentence_start: bool,
    /// Whether a comma stands between this token and the one before.
    after_comma: bool,
}

/// Per-field reader state: recent words for multi-word names, spans of capitalised words for
/// acronyms, and pending day/month numbers for dates.
struct Reader<'g> {
    weight: f32,
    is_title: bool,
    /// Whether the current line is written in capitals throughout (a broadcast transcript, a
    /// wire slug): its capitals prove nothing, so its words are read as if in lower case.
    shouting: bool,
    pos: usize,
    recent: Vec<String>,
    norm: String,
    span_initials: String,
    last_day: Option<(u32, usize)>,
    last_month: Option<(u8, usize)>,
    /// The last small number (a possible age) and its position.
    last_small: Option<(u32, usize)>,
    /// A number followed by "year" (waiting for "old"), with the position of "year".
    year_of: Option<(u32, usize)>,
    /// Position of the last "aged".
    aged_at: Option<usize>,
    /// A number written right after a name and a comma ("Smith, 22"), waiting for the comma
    /// after it.
    name_comma_number: Option<(u32, usize)>,
    /// Position of the last capitalised word that is not a sentence start.
    last_name_at: Option<usize>,
    /// Position of the last capitalised word (any position in the sentence) that is no place,
    /// no day or month and not written in capitals: a possible given name.
    given_at: Option<usize>,
    /// Capitalised words in a row ending at `given_at`, not counting one that starts a
    /// sentence ("the San Diego Chargers": 3).
    given_run: usize,
    /// Position of the last definite article ("the", "der", "la", …).
    article_at: Option<usize>,
    /// A street number followed by "block" (then "of" and the street), with the position.
    block: Option<(u32, usize)>,
    /// A clock reading in progress ("2", "2:30", "2:30 a"), as hour × 100 + minute, with the
    /// position of its last token.
    clock: Option<(u32, usize)>,
    /// How far the clock reading has come: [`CLOCK_HOUR`], [`CLOCK_MINUTES`], [`CLOCK_HALF`]
    /// (after "a" or "p" of "a.m.", "p.m.").
    clock_stage: u8,
    /// Whether the "p" of "p.m." was read.
    clock_pm: bool,
    gaz: &'g crate::gazetteer::Gazetteer,
}

impl Reader<'_> {
    fn token(&mut self, tok: Token<'_>, acc: &mut Acc) {
        self.pos += 1;
        let raw = tok.raw;
        let mut chars = raw.chars();
        let first = chars.next().unwrap_or(' ');
        let has_case = first.is_uppercase() || first.is_lowercase();
        let upper = first.is_uppercase() && !self.shouting;
        let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = !self.shouting
            && letters >= 2
            && raw.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        normalize_into(raw, &mut self.norm);
        let norm = std::mem::take(&mut self.norm);
        // "Smith, 22, of Chicago": the age is confirmed by the comma after it.
        if let Some((n, at)) = self.name_comma_number.take()
            && self.pos == at + 1
            && tok.after_comma
        {
            acc.pin(pin_key("age", n, ""));
        }

        // Numbers: digits with optional thousands/decimal separators.
        let is_number = norm.starts_with(|c: char| c.is_ascii_digit())
            && norm
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b'.' || c == b',');
        if is_number {
            let digits: String = norm.chars().filter(|c| c.is_ascii_digit()).collect();
            self.end_span(acc);
            let value: Option<u32> = if digits.len() <= 2 {
                digits.parse().ok()
            } else {
                None
            };
            if let Some(d) = value.filter(|d| (1..=31).contains(d)) {
                if let Some((m, at)) = self.last_month
                    && self.pos - at <= 2
                {
                    acc.anchor(key(K_DATE, &format!("{m}-{d}")), self.weight);
                    self.last_month = None;
                } else {
                    self.last_day = Some((d, self.pos));
                }
            }
            if digits.len() == 4
                && norm.len() == 4
                && acc.years.len() < MAX_YEARS
                && let Ok(y) = digits.parse::<u16>()
                && (1900..=2099).contains(&y)
                && !acc.years.contains(&y)
            {
                acc.years.push(y);
            }
            if digits.len() >= 2 {
                let trimmed = digits.trim_start_matches('0');
                acc.anchor(key(K_NUMBER, trimmed), self.weight);
            }
            self.number_pins(&norm, &digits, tok.after_comma, acc);
            self.given_at = None;
            self.push_recent(digits);
            self.norm = norm;
            return;
        }

        acc.language.word(&norm, first);
        let stemmed = stem(&norm).to_string();
        let stop = is_stopword(&norm) && !all_caps;
        self.word_pins(&norm, &stemmed, upper && !tok.sentence_start, acc);

        // Months next to a day number make a date.
        if let Some(&m) = self.gaz.months.get(&stemmed) {
            if let Some((d, at)) = self.last_day
                && self.pos - at <= 3
            {
                acc.anchor(key(K_DATE, &format!("{m}-{d}")), self.weight);
                self.last_day = None;
            } else {
                self.last_month = Some((m, self.pos));
            }
        }

        // Places: multi-word names first (they may contain stopwords), then single words.
        let mut place = None;
        let multi = if self.gaz.last_words.contains(&stemmed) {
            self.gaz.max_words
        } else {
            1
        };
        for n in (2..=multi.min(self.recent.len() + 1)).rev() {
            let mut k = self.recent[self.recent.len() + 1 - n..].join(" ");
            k.push(' ');
            k.push_str(&stemmed);
            if let Some(&p) = self.gaz.places.get(&k) {
                place = Some(p);
                break;
            }
        }
        if place.is_none() && !stop {
            let caseless = !has_case;
            let len = stemmed.chars().count();
            let case_ok = if len <= 2 {
                all_caps || caseless
            } else if len == 3 {
                upper || caseless
            } else {
                true
            };
            if case_ok {
                place = self.gaz.places.get(&stemmed).copied();
                if place.is_none() && caseless {
                    // Arabic clitics: "and", "in", "to", "the" written onto the word.
                    for prefix in ["وال", "بال", "لل", "ال", "و", "ب", "ل"] {
                        if let Some(rest) = norm.strip_prefix(prefix)
                            && rest.chars().count() >= 3
                            && let Some(&p) = self.gaz.places.get(rest)
                        {
                            place = Some(p);
                            break;
                        }
                    }
                }
            }
        }
        if let Some(p) = place {
            acc.anchor(key(K_PLACE, self.gaz.place_names[p as usize]), self.weight);
        }

        if !stop && stemmed.chars().count() >= 2 {
            acc.word(key(K_WORD, &stemmed), self.weight);
            if self.is_title
                && let Some(c) = LEXICON.concept(&norm, &stemmed)
            {
                acc.kind(c);
            }
            if norm.len() >= 4 && norm.bytes().all(|b| b.is_ascii_lowercase()) {
                acc.cognate(
                    key(K_COGNATE, &norm[..norm.len().min(COGNATE_LEN)]),
                    self.weight,
                );
            }
            // Names: acronyms, and capitalised words other than the first word of a body
            // sentence.
            // Day and month names are capitalised in several languages but name nothing
            // that pins an incident (months still make dates next to a day number).
            let calendar =
                self.gaz.months.contains_key(&stemmed) || self.gaz.weekdays.contains(&stemmed);
            if place.is_none() && !calendar && (all_caps || upper) {
                let k = key(K_ENTITY, &stemmed);
                if upper && !all_caps {
                    self.note_person(k, &tok, acc);
                }
                if all_caps || (!self.is_title && !tok.sentence_start) {
                    acc.confirmed.insert(k);
                    acc.anchor(k, self.weight);
                } else if acc.pending.len() < MAX_PENDING {
                    acc.pending.push((k, self.weight));
                }
            }
        }
        let given = upper
            && !all_caps
            && !stop
            && place.is_none()
            && !self.gaz.months.contains_key(&stemmed)
            && !self.gaz.weekdays.contains(&stemmed);
        // A capital at the start of a sentence ("Singer Mara Quill", "Gov. Sarah Palin")
        // proves nothing, so it does not lengthen the run.
        self.given_run = match (given, self.given_at) {
            (false, _) => 0,
            (true, _) if tok.sentence_start => 0,
            (true, Some(at)) if at + 1 == self.pos => self.given_run + 1,
            (true, _) => 1,
        };
        self.given_at = given.then_some(self.pos);
        if DEFINITE_ARTICLES.contains(&norm.as_str()) {
            self.article_at = Some(self.pos);
        }
        if upper && !stop {
            self.span_initials.extend(norm.chars().next());
        } else if !(stop && !upper && !self.span_initials.is_empty()) {
            self.end_span(acc);
        }
        self.push_recent(stemmed);
        self.norm = norm;
    }

    /// Pins read at a number: a number right after "aged" is an age; after a name and a comma
    /// it may be one ("Smith, 22,"), confirmed by the next comma; a small number may start
    /// "22-year-old", a street number "1200 block of".
    fn number_pins(&mut self, norm: &str, digits: &str, after_comma: bool, acc: &mut Acc) {
        let value: Option<u32> = if norm.len() == digits.len() && digits.len() <= 5 {
            digits.parse().ok()
        } else {
            None
        };
        let Some(n) = value else {
            self.last_small = None;
            return;
        };
        if (1..=MAX_AGE).contains(&n) {
            if self.aged_at.is_some_and(|at| self.pos == at + 1) {
                acc.pin(pin_key("age", n, ""));
            } else if after_comma && self.last_name_at.is_some_and(|at| self.pos == at + 1) {
                self.name_comma_number = Some((n, self.pos));
            }
            self.last_small = Some((n, self.pos));
        } else {
            self.last_small = None;
        }
        if n >= 100 && n % 100 == 0 {
            self.block = Some((n, self.pos));
        }
        // "2:30 a.m.": an hour, then perhaps two-digit minutes.
        match self.clock {
            Some((h, at))
                if at + 1 == self.pos
                    && self.clock_stage == CLOCK_HOUR
                    && digits.len() == 2
                    && n < 60 =>
            {
                self.clock = Some((h + n, self.pos));
                self.clock_stage = CLOCK_MINUTES;
            }
            _ if (1..=12).contains(&n) && digits.len() <= 2 => {
                self.clock = Some((n * 100, self.pos));
                self.clock_stage = CLOCK_HOUR;
            }
            _ => self.clock = None,
        }
    }

    /// Pins completed by a word: "year" "old" after a small number (and the one-word forms of
    /// other languages, "22-jährige"), "block" "of" STREET after a round street number.
    fn word_pins(&mut self, norm: &str, stemmed: &str, name: bool, acc: &mut Acc) {
        let pos = self.pos;
        let after_number = self.last_small.filter(|&(_, at)| pos == at + 1);
        if let Some((n, _)) = after_number {
            if matches!(stemmed, "year" | "yr") {
                self.year_of = Some((n, pos));
            } else if matches!(stemmed, "month" | "mo") {
                self.year_of = Some((n + MONTHS_OFFSET, pos));
            } else if AGE_WORDS.iter().any(|w| norm.starts_with(w)) {
                acc.pin(pin_key("age", n, ""));
            }
        }
        if let Some((n, at)) = self.year_of
            && pos == at + 1
            && norm == "old"
        {
            acc.pin(pin_key("age", n, ""));
            self.year_of = None;
        }
        if norm == "aged" {
            self.aged_at = Some(pos);
        }
        // "2:30 a.m.", "2 pm", "2am": the time of day of an incident.
        if let Some(num) = norm.strip_suffix("am").or_else(|| norm.strip_suffix("pm"))
            && (1..=2).contains(&num.len())
            && num.bytes().all(|b| b.is_ascii_digit())
            && let Ok(n) = num.parse::<u32>()
        {
            let hm = match self.clock {
                Some((h, at))
                    if pos == at + 1 && self.clock_stage == CLOCK_HOUR && num.len() == 2 =>
                {
                    (n < 60).then_some(h + n)
                }
                _ => (1..=12).contains(&n).then_some(n * 100),
            };
            if let Some(hm) = hm {
                acc.pin(pin_key("time", clock_value(hm, norm.ends_with("pm")), ""));
            }
        }
        if let Some((hm, at)) = self.clock
            && pos == at + 1
        {
            self.clock = None;
            match norm {
                "am" | "pm" if self.clock_stage < CLOCK_HALF => {
                    acc.pin(pin_key("time", clock_value(hm, norm == "pm"), ""));
                }
                "a" | "p" if self.clock_stage < CLOCK_HALF => {
                    self.clock = Some((hm, pos));
                    self.clock_stage = CLOCK_HALF;
                    self.clock_pm = norm == "p";
                }
                "m" if self.clock_stage == CLOCK_HALF => {
                    acc.pin(pin_key("time", clock_value(hm, self.clock_pm), ""));
                }
                _ => {}
            }
        }
        if let Some((n, at)) = self.block {
            // "1200 block of [West] Main": the street is the first word after "of" that is no
            // direction.
            let step = pos - at;
            let direction = matches!(
                norm,
                "n" | "s"
                    | "e"
                    | "w"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "ne"
                    | "nw"
                    | "se"
                    | "sw"
            );
            match step {
                1 if norm == "block" => {}
                2 if norm == "of" => {}
                3 if direction => {}
                3 | 4 if !direction => {
                    acc.pin(pin_key("block", n, stemmed));
                    self.block = None;
                }
                _ => self.block = None,
            }
        }
        self.last_name_at = name.then_some(pos);
    }

    /// Records a capitalised word that may be a name (key `k`): in the headline as one of its
    /// names, in the body as a person's surname when it follows a possible given name in the
    /// same sentence with no comma between ("Jamal Williams", "Gov. Sarah Palin"; not the
    /// third word of "San Diego Chargers"), as a name written after a definite article ("the
    /// Rovers"), and as a name written alone otherwise.
    fn note_person(&mut self, k: u64, tok: &Token<'_>, acc: &mut Acc) {
        if self.is_title {
            if acc.headline_names.len() < MAX_HEADLINE_NAMES && !acc.headline_names.contains(&k) {
                acc.headline_names.push(k);
            }
        } else if self.article_at.is_some_and(|at| at + 1 == self.pos) {
            if acc.articled.len() < MAX_PERSONS && !acc.articled.contains(&k) {
                acc.articled.push(k);
            }
        } else if self.given_at.is_none_or(|at| at + 1 != self.pos) {
            if acc.alone.len() < MAX_PERSONS && !acc.alone.contains(&k) {
                acc.alone.push(k);
            }
        } else if !tok.sentence_start
            && !tok.after_comma
            && self.given_run <= 1
            && acc.persons.len() < MAX_PERSONS
            && !acc.persons.contains(&k)
        {
            acc.persons.push(k);
        }
    }

    /// Ends a span of capitalised words; a span of two or more yields its acronym
    /// ("Islamic State" → "is"), which matches the acronym written in capitals elsewhere.
    fn end_span(&mut self, acc: &mut Acc) {
        if self.span_initials.chars().count() >= 2 && self.span_initials.len() <= 8 {
            acc.anchor(key(K_ENTITY, &self.span_initials), self.weight * 0.5);
        }
        self.span_initials.clear();
    }

    fn push_recent(&mut self, s: String) {
        if self.recent.len() + 1 >= self.gaz.max_words.max(2) {
            self.recent.remove(0);
        }
        self.recent.push(s);
    }

    /// Reads a run of Han/kana characters: bigrams as words, place names as anchors.
    fn cjk_run(&mut self, run: &str, acc: &mut Acc) {
        self.end_span(acc);
        self.recent.clear();
        let chars: Vec<char> = run.chars().collect();
        let mut buf = String::new();
        if chars.len() == 1 {
            buf.push(chars[0]);
            acc.word(key(K_WORD, &buf), self.weight);
        }
        for pair in chars.windows(2) {
            buf.clear();
            buf.push(pair[0]);
            buf.push(pair[1]);
            acc.word(key(K_WORD, &buf), self.weight);
        }
        if let Some((ac, ids)) = &self.gaz.cjk {
            for m in ac.find_iter(run) {
                let p = ids[m.pattern().as_usize()];
                acc.anchor(key(K_PLACE, self.gaz.place_names[p as usize]), self.weight);
            }
        }
        if self.is_title {
            for c in LEXICON.cjk_concepts(run) {
                acc.kind(c);
            }
        }
        acc.language.cjk(chars.len());
        self.pos += chars.len();
    }
}

/// Most incident pins read per document.
const MAX_PINS: usize = 32;

/// Most capitalised headline words remembered per document.
const MAX_HEADLINE_NAMES: usize = 16;

/// Most full-name surnames remembered per document body.
const MAX_PERSONS: usize = 64;

/// Definite articles: a capitalised word right after one names a team, a company or a
/// building ("the Rovers", "die Bahn", "la Moncloa"), not a person.
const DEFINITE_ARTICLES: &[&str] = &[
    "the", "der", "die", "das", "den", "dem", "le", "la", "les", "el", "los", "las", "il", "lo",
    "gli", "het",
];

/// Most headline subjects kept per document (see [`Features::subjects`]).
pub(crate) const MAX_SUBJECTS: usize = 8;

/// Highest number read as an age.
const MAX_AGE: u32 = 110;

/// Added to a number of months in an age pin ("4-month-old"), apart from years.
const MONTHS_OFFSET: u32 = 1000;

/// One-word age forms that follow the number ("22-jährige", "22-jarige").
const AGE_WORDS: &[&str] = &["jahrig", "jarig"];

/// Stages of a clock reading: the hour, the minutes, the "a" or "p" of "a.m.", "p.m.".
const CLOCK_HOUR: u8 = 0;
const CLOCK_MINUTES: u8 = 1;
const CLOCK_HALF: u8 = 2;

/// A time of day as minutes-in-hour plus 100 × the hour of a 24-hour clock, from a 12-hour
/// reading (`hm` = hour × 100 + minutes).
fn clock_value(hm: u32, pm: bool) -> u32 {
    let hm = hm % 1200; // 12:30 a.m. is 0:30
    if pm { hm + 1200 } else { hm }
}

/// Key of an incident pin: its kind, a number and a word, hashed; the two lowest bits tell a
/// street block (1, see [`is_block_pin`]) and a time of day (2) from an age (0, [`is_age_pin`]).
fn pin_key(kind: &str, n: u32, word: &str) -> u64 {
    let k = key(K_PIN, &format!("{kind}:{n}:{word}")) & !3;
    match kind {
        "block" => k | 1,
        "time" => k | 2,
        _ => k,
    }
}

/// Whether a pin key stands for a street block ("the 1200 block of Main Street"), a place so
/// precise that sharing it is as telling as sharing a rare name.
pub(crate) fn is_block_pin(k: u64) -> bool {
    k & 3 == 1
}

/// Whether a pin key stands for an age ("22-year-old").
pub(crate) fn is_age_pin(k: u64) -> bool {
    k & 3 == 0
}

/// Cuts `s` to at most `max` bytes at a character boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Fewest cased letters a line needs before its capitals can be judged.
const SHOUT_MIN_LETTERS: usize = 24;

/// Bytes at the head of a line that [`is_shouting`] reads.
const SHOUT_SAMPLE_BYTES: usize = 256;

/// Whether a line is written in capitals throughout: at least [`SHOUT_MIN_LETTERS`] cased
/// letters, three in four of them capitals (judged on its first [`SHOUT_SAMPLE_BYTES`]).
/// Broadcast transcripts and some wire copy come so; read as usual, every word of theirs would
/// pass for a name (and every stopword for an acronym), and two unrelated transcripts would
/// share dozens of "names".
fn is_shouting(line: &str) -> bool {
    // The head of a line tells: transcripts are in capitals from start to end.
    let head = clip(line, SHOUT_SAMPLE_BYTES);
    let (mut upper, mut lower) = (0usize, 0usize);
    let mut left = head.len();
    for c in head.chars() {
        left -= c.len_utf8();
        if c.is_ascii() {
            upper += usize::from(c.is_ascii_uppercase());
            lower += usize::from(c.is_ascii_lowercase());
        } else if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
        // Stop as soon as the rest of the line (at most one letter a byte) cannot make it.
        if 3 * lower > upper + left {
            return false;
        }
    }
    upper + lower >= SHOUT_MIN_LETTERS && upper >= 3 * lower
}

/// Reads one field (title or text) into `acc`.
fn read_field(text: &str, weight: f32, is_title: bool, acc: &mut Acc) {
    let gaz = &*GAZETTEER;
    let mut r = Reader {
        weight,
        is_title,
        shouting: false,
        pos: 0,
        recent: Vec::new(),
        norm: String::new(),
        span_initials: String::new(),
        last_day: None,
        last_month: None,
        last_small: None,
        year_of: None,
        aged_at: None,
        name_comma_number: None,
        last_name_at: None,
        given_at: None,
        given_run: 0,
        article_at: None,
        block: None,
        clock: None,
        clock_stage: CLOCK_HOUR,
        clock_pm: false,
        gaz,
    };
    let bytes = text.as_bytes();
    let mut sentence_start = true;
    let mut after_comma = false;
    let mut iter = text.char_indices().peekable();
    let mut line_end = 0;
    while let Some((i, c)) = iter.next() {
        if i >= line_end {
            line_end = text[i..].find('\n').map_or(text.len(), |k| i + k + 1);
            r.shouting = is_shouting(&text[i..line_end]);
        }
        if is_cjk(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !is_cjk(d) {
                    break;
                }
                end = j + d.len_utf8();
                iter.next();
            }
            r.cjk_run(&text[i..end], acc);
            sentence_start = false;
            continue;
        }
        if !is_word_char(c) {
            if matches!(
                c,
                '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '”' | '«' | '»' | '。' | '؟'
            ) {
                sentence_start = true;
                r.end_span(acc);
            } else if !c.is_whitespace() && !matches!(c, '-' | '\'' | '’') {
                r.end_span(acc);
            }
            after_comma |= c == ',';
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut digits_only = c.is_ascii_digit();
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) && !is_cjk(d) {
                digits_only &= d.is_ascii_digit();
                end = j + d.len_utf8();
                iter.next();
            } else if digits_only
                && (d == '.' || d == ',')
                && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit())
            {
                end = j + 1;
                iter.next();
            } else {
                break;
            }
        }
        r.token(
            Token {
                raw: &text[start..end],
                sentence_start,
                after_comma,
            },
            acc,
        );
        sentence_start = false;
        after_comma = false;
    }
    r.end_span(acc);
}

/// Drops outlet names that headlines often carry at the end ("… | CBC Sports",
/// "… - Diario Primicia"): a short last segment after ` | `, ` - `, ` – ` or ` — `, when what
/// remains still has a few words. Outlet names would otherwise tie unrelated stories together.
fn strip_outlet(title: &str) -> &str {
    let mut t = title.trim();
    for _ in 0..2 {
        let cut = [" | ", " - ", " – ", " — ", " :: "]
            .iter()
            .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
            .max_by_key(|&(i, _)| i);
        let Some((i, len)) = cut else { break };
        let (head, tail) = (&t[..i], &t[i + len..]);
        if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
            t = head.trim_end();
        } else {
            break;
        }
    }
    t
}

/// Extracts the raw features of a document (no weighting, no I/O, bounded work).
pub fn features(input: &DocInput<'_>) -> Features {
    let mut acc = Acc::default();
    let title = input
        .title
        .map(|t| strip_outlet(clip(t.trim(), MAX_TITLE_BYTES)))
        .filter(|t| !t.is_empty());
    let mut text = input
        .text
        .map(|t| clip(t.trim(), MAX_TEXT_BYTES))
        .unwrap_or("");
    match title {
        Some(t) => read_field(t, TITLE_WEIGHT, true, &mut acc),
        None => {
            // A short first line works as a title when there is none.
            if let Some((first, rest)) = text.split_once('\n')
                && first.trim().len() <= 200
                && !rest.trim().is_empty()
            {
                read_field(strip_outlet(first), TITLE_WEIGHT, true, &mut acc);
                text = rest;
            }
        }
    }
    let has_body = !text.is_empty();
    if has_body {
        read_field(text, 1.0, false, &mut acc);
    }
    // Capitalised words of the headline and at sentence starts ("Two dead as fire tears
    // through…", "Därför…") are names only when the body shows them capitalised elsewhere;
    // with no body to tell, every capitalised headline word counts.
    for (k, w) in std::mem::take(&mut acc.pending) {
        if !has_body || acc.confirmed.contains(&k) {
            acc.anchor(k, w);
        }
    }
    let mut words: Vec<(u64, f32)> = acc.words.into_iter().collect();
    let mut anchors: Vec<(u64, f32)> = acc.anchors.into_iter().collect();
    let mut cognates: Vec<(u64, f32)> = acc.cognates.into_iter().collect();
    words.sort_unstable_by_key(|e| e.0);
    anchors.sort_unstable_by_key(|e| e.0);
    cognates.sort_unstable_by_key(|e| e.0);
    let mut kinds = acc.kinds;
    kinds.sort_unstable();
    let mut years = acc.years;
    years.sort_unstable();
    let mut pins = acc.pins;
    pins.sort_unstable();
    let mut people: Vec<u64> = acc
        .persons
        .iter()
        .copied()
        .filter(|k| acc.alone.contains(k) && !acc.articled.contains(k))
        .collect();
    people.sort_unstable();
    let mut headline_names: Vec<u64> = acc
        .headline_names
        .iter()
        .copied()
        .filter(|k| !has_body || acc.confirmed.contains(k))
        .collect();
    headline_names.sort_unstable();
    let mut subjects: Vec<u64> = headline_names
        .iter()
        .copied()
        .filter(|k| people.binary_search(k).is_ok())
        .take(MAX_SUBJECTS)
        .collect();
    subjects.sort_unstable();
    Features {
        words,
        anchors,
        cognates,
        kinds,
        years,
        language: acc.language.profile(),
        pins,
        subjects,
        headline_names,
        people,
        body: has_body,
    }
}

/// TF-IDF weighting with document frequencies learned online, as documents arrive.
#[derive(Debug, Clone, Default)]
pub struct Vectorizer {
    df: FxHashMap<u64, u32>,
    n_docs: u64,
}

impl Vectorizer {
    /// A vectorizer that has seen no document yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of documents observed so far.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// Counts the terms of one document in the document frequencies. When the vocabulary
    /// exceeds two million terms, terms seen in a single document are forgotten, so memory
    /// stays bounded on an endless stream.
    pub fn observe(&mut self, f: &Features) {
        if f.is_empty() {
            return;
        }
        self.n_docs += 1;
        for &(k, _) in f
            .words
            .iter()
            .chain(f.anchors.iter())
            .chain(f.cognates.iter())
        {
            *self.df.entry(k).or_insert(0) += 1;
        }
        if self.df.len() > MAX_VOCABULARY {
            self.df.retain(|_, v| *v > 1);
            if self.df.len() > MAX_VOCABULARY / 2 {
                for v in self.df.values_mut() {
                    *v /= 2;
                }
                self.n_docs /= 2;
                self.df.retain(|_, v| *v > 0);
            }
        }
    }

    /// Number of documents observed so far that had the term `k`.
    pub(crate) fn df(&self, k: u64) -> u32 {
        self.df.get(&k).copied().unwrap_or(0)
    }

    /// Inverse document frequency of a term (smoothed; unseen terms get the highest value).
    pub fn idf(&self, k: u64) -> f32 {
        let df = self.df.get(&k).copied().unwrap_or(0) as f64;
        (((self.n_docs as f64 + 1.0) / (df + 1.0)).ln() + 1.0) as f32
    }

    /// Weighs features into a [`Doc`]: sublinear term frequency times IDF, the strongest terms
    /// kept, each vector L2-normalised (anchors with a floor on the norm: a document whose only
    /// anchors are common ones gets a short anchor vector).
    pub fn weigh(&self, f: &Features, time: Option<i64>) -> Doc {
        let max_idf = (self.n_docs as f32 + 1.0).ln() + 1.0;
        Doc {
            words: self.vector(&f.words, MAX_WORDS, 0.0),
            anchors: self.vector(&f.anchors, MAX_ANCHORS, ANCHOR_NORM_FLOOR * max_idf),
            cognates: self.vector(&f.cognates, MAX_WORDS, 0.0),
            kinds: f.kinds.clone(),
            years: f.years.clone(),
            language: f.language,
            time,
            time_guessed: false,
            vector: None,
            lsh: Vec::new(),
            pins: f.pins.clone(),
            subjects: f.subjects.clone(),
            headline_names: f.headline_names.clone(),
            people: f.people.clone(),
            body: f.body,
        }
    }

    /// Weighs one channel; the norm is at least `floor`, so that a vector with little evidence
    /// (a single common anchor) stays short instead of being stretched to unit length.
    fn vector(&self, counts: &[(u64, f32)], max: usize, floor: f32) -> Vec<(u64, f32)> {
        let mut v: Vec<(u64, f32)> = counts
            .iter()
            .map(|&(k, tf)| (k, (1.0 + tf.max(1.0).ln()) * self.idf(k)))
            .collect();
        if v.len() > max {
            v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
            v.truncate(max);
            v.sort_unstable_by_key(|e| e.0);
        }
        let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(floor);
        if norm > 0.0 {
            for e in &mut v {
                e.1 /= norm;
            }
        }
        v
    }

    /// Extracts, observes and weighs one document: the online path clustering uses.
    pub fn doc(&mut self, input: &DocInput<'_>) -> Doc {
        let f = features(input);
        self.observe(&f);
        self.weigh(&f, input.time)
    }
}

/// Dot product of two sparse vectors sorted by key.
pub(crate) fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Most values a document vector may have (see [`Doc::with_vector`]); longer vectors are
/// ignored. Multilingual word and sentence vectors have 300 to 1,024.
pub const MAX_VECTOR_DIM: usize = 4096;

/// A document vector quantised to one signed byte per value (a quarter of the memory of
/// `f32`; the cosine of two quantised unit vectors is within about 0.002 of the exact one).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DenseVector {
    values: Box<[i8]>,
    /// Euclidean norm of `values`.
    norm: f32,
}

impl DenseVector {
    /// Quantises a vector: the largest magnitude becomes ±127. `None` when empty, longer than
    /// [`MAX_VECTOR_DIM`] or without a finite non-zero value.
    pub(crate) fn new(v: &[f32]) -> Option<DenseVector> {
        if v.is_empty() || v.len() > MAX_VECTOR_DIM {
            return None;
        }
        let finite = |x: f32| if x.is_finite() { x } else { 0.0 };
        let max = v.iter().fold(0f32, |m, &x| m.max(finite(x).abs()));
        if max <= 0.0 {
            return None;
        }
        let scale = 127.0 / max;
        let values: Box<[i8]> = v
            .iter()
            .map(|&x| (finite(x) * scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        let norm2: i64 = values.iter().map(|&x| i64::from(x) * i64::from(x)).sum();
        (norm2 > 0).then(|| DenseVector {
            values,
            norm: (norm2 as f32).sqrt(),
        })
    }

    /// Number of values.
    pub(crate) fn dim(&self) -> usize {
        self.values.len()
    }

    /// The values as floats of unit length overall.
    pub(crate) fn unit(&self) -> impl Iterator<Item = f32> + '_ {
        let inv = 1.0 / self.norm;
        self.values.iter().map(move |&x| f32::from(x) * inv)
    }

    /// Cosine of two vectors; `None` when their lengths differ.
    pub(crate) fn cosine(&self, other: &DenseVector) -> Option<f32> {
        if self.values.len() != other.values.len() {
            return None;
        }
        // At most 4096 × 127² in magnitude: no overflow in i32.
        let dot: i32 = self
            .values
            .iter()
            .zip(other.values.iter())
            .map(|(&a, &b)| i32::from(a) * i32::from(b))
            .sum();
        Some((dot as f32 / (self.norm * other.norm)).clamp(-1.0, 1.0))
    }
}

/// Cosine of two documents' vectors, when both have one of the same length.
pub(crate) fn vector_cosine(a: &Doc, b: &Doc) -> Option<f32> {
    a.vector.as_ref()?.cosine(b.vector.as_ref()?)
}

/// Cosine of document vectors at and below which they count as no evidence at all (averaged
/// word vectors of unrelated news texts already sit around 0.3–0.6: they share the general
/// direction of news prose).
pub(crate) const VECTOR_FLOOR: f64 = 0.6;
/// Weight of the vector evidence between documents in different languages, where words do
/// not meet and a report sharing no name or number with another has nothing else.
const VECTOR_CROSS: f64 = 0.5;
/// Weight of the vector evidence within one language, where words already say what vectors
/// say (and two incidents of one kind, close in vector space, must stay apart).
const VECTOR_SAME: f64 = 0.1;

/// Raises a raw similarity `base` with the cosine of the two documents' vectors (`None`: no
/// vectors, `base` unchanged): `max(base, (1 − w)·base + w·v)`, `v` being the cosine rescaled
/// from [[`VECTOR_FLOOR`], 1] onto [0, 1] and `w` going from [`VECTOR_SAME`] within one language
/// to [`VECTOR_CROSS`] across languages (`same` as in [`combine`]). The vectors never lower a
/// score. Across languages a pair that shares nothing else needs a cosine of about 0.83 to
/// reach the join threshold, and vectors alone never reach the merge threshold.
pub(crate) fn vector_mix(base: f64, cosine: Option<f32>, same: f64) -> f64 {
    let Some(c) = cosine else {
        return base;
    };
    let v = ((f64::from(c) - VECTOR_FLOOR) / (1.0 - VECTOR_FLOOR)).clamp(0.0, 1.0);
    let other = (1.0 - same).clamp(0.0, 1.0);
    let w = VECTOR_SAME + (VECTOR_CROSS - VECTOR_SAME) * other;
    base.max((1.0 - w) * base + w * v).clamp(0.0, 1.0)
}

/// How close in time two publications are, in [0, 1]: 1 at the same moment, decaying with the
/// gap; 0 when either time is unknown.
#[cfg(test)]
pub(crate) fn nearness(a: Option<i64>, b: Option<i64>) -> f64 {
    nearness_guessed(a, b, false)
}

/// Days of a time gap forgiven when one of the two times is a guess (an undated document given
/// the stream's present): such a document may have been published a few days earlier.
pub(crate) const GUESS_SLACK_DAYS: f64 = 3.0;

/// Like [`nearness`]; when `guessed`, the first [`GUESS_SLACK_DAYS`] of the gap do not count.
pub(crate) fn nearness_guessed(a: Option<i64>, b: Option<i64>, guessed: bool) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let mut days = a.abs_diff(b) as f64 / 86_400.0;
            if guessed {
                days = (days - GUESS_SLACK_DAYS).max(0.0);
            }
            (-days / NEAR_DAYS).exp()
        }
        _ => 0.0,
    }
}

/// Most capitalised words of unproven name status remembered per document.
const MAX_PENDING: usize = 4096;

/// Most exclusive concepts remembered per headline.
const MAX_KINDS: usize = 8;

/// [`KIND_CONFLICT`] when two sorted lists of exclusive concepts both name a group (sport
/// disciplines, medal colours) but share no concept of it — a judo headline and a swimming
/// one, a gold medal and a bronze — and 1 otherwise (also when either list is empty).
pub(crate) fn kind_agreement(a: &[u16], b: &[u16]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 1.0;
    }
    let lex = &*LEXICON;
    for &k in a {
        let group = lex.group(k);
        let mut both = false;
        for &l in b {
            if lex.group(l) == group {
                if a.binary_search(&l).is_ok() {
                    both = false;
                    break;
                }
                both = true;
            }
        }
        if both {
            return KIND_CONFLICT;
        }
    }
    1.0
}

/// Most distinct years remembered per document.
pub(crate) const MAX_YEARS: usize = 8;

/// 1 when two sorted year lists share a year (or two years [`YEAR_SLACK`] apart) or either is
/// empty, less when all their years lie further apart (the documents speak of different years,
/// so most likely of different incidents). Neighbouring years agree: a January report of a
/// December incident says "2019" where the first report said "2020" for its own date.
pub(crate) fn year_agreement(a: &[u16], b: &[u16]) -> f64 {
    // Both lists are sorted: walk them together for a pair of years at most YEAR_SLACK apart.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].abs_diff(b[j]) <= YEAR_SLACK {
            return 1.0;
        }
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    if a.is_empty() || b.is_empty() {
        1.0
    } else {
        YEAR_CONFLICT
    }
}

/// Share of the word cosine in the same-language similarity.
const WORD_SHARE: f64 = 0.55;
/// Share of the anchor cosine in the same-language similarity.
const ANCHOR_SHARE: f64 = 0.35;
/// Share of the cognate cosine in the same-language similarity. Within one language the
/// cognate keys (the first letters of each word) work as a second, cruder stemmer: the
/// inflected forms of Turkish, Polish or German words that light stemming leaves apart meet
/// there.
const PREFIX_SHARE: f64 = 0.1;
/// Scale of the cross-language similarity (anchors and cognates only).
const CROSS_SCALE: f64 = 0.5;
/// Share of the cognate cosine in the cross-language similarity.
const COGNATE_SHARE: f64 = 0.5;
/// Weight of the anchor cosine in the similarity of two documents in different languages.
///
/// Two translations of one report share most anchors (cosine 0.6–0.95), two reports on
/// neighbouring events (an Airbus and a Boeing launch) up to about 0.35: at this weight the
/// latter stay below the join threshold.
const CROSS_ANCHOR: f64 = 0.65;
/// Weight of the cognate cosine in the similarity of two documents in different languages.
const CROSS_COGNATE: f64 = 0.5;
/// How much more the shared anchors of two documents in different languages count when both
/// were published at the same moment ([`nearness`] 1): reports of one event in several
/// languages come out within hours of each other, neighbouring events rarely that close.
const NEAR_BOOST: f64 = 0.6;
/// Time scale of [`nearness`], in days.
const NEAR_DAYS: f64 = 1.0;
/// Factor applied to the similarity of two documents that mention only different years.
const YEAR_CONFLICT: f64 = 0.75;
/// Factor applied to the similarity of two documents whose headlines name only different
/// concepts of one exclusive group (see [`kind_agreement`]).
const KIND_CONFLICT: f64 = 0.6;
/// Years this far apart still agree (see [`year_agreement`]).
const YEAR_SLACK: u16 = 1;
/// Floor of the anchor vector's norm, as a multiple of the highest IDF.
const ANCHOR_NORM_FLOOR: f32 = 2.0;

/// Combines the word cosine `w`, the anchor cosine `x` and the cognate cosine `c` into one
/// similarity in [0, 1]; `same` is how likely the two documents share a language
/// ([`LanguageProfile::same_language`]) and `near` how close their publication times are
/// ([`nearness`]).
///
/// Within one language words, anchors and cognates are mixed, and anchors or cognates alone
/// count only at a discount (two reports of different shootings in one city share many anchors). Across
/// languages the words barely overlap, so anchors (same places, names, numbers, dates) and
/// cognates carry the judgement, at a larger scale that grows when the two were published
/// close together.
pub(crate) fn combine(w: f32, x: f32, c: f32, same: f64, near: f64) -> f64 {
    let w = w.clamp(0.0, 1.0) as f64;
    let x = x.clamp(0.0, 1.0) as f64;
    let c = c.clamp(0.0, 1.0) as f64;
    let other = (1.0 - same).clamp(0.0, 1.0);
    let mixed = WORD_SHARE * w + ANCHOR_SHARE * x + PREFIX_SHARE * c;
    let within = CROSS_SCALE * ((1.0 - COGNATE_SHARE) * x + COGNATE_SHARE * c);
    let boost = 1.0 + NEAR_BOOST * near.clamp(0.0, 1.0);
    let across = (boost * CROSS_ANCHOR * x + CROSS_COGNATE * c).max(within);
    let cross = within + other * (across - within);
    mixed.max(cross).clamp(0.0, 1.0)
}

/// Steepness of [`calibrate`].
const CALIBRATION: f64 = 4.0;

/// Maps a raw score in [0, 1] (a mix of cosines) onto the scale of [`similarity`]:
/// `(1 - e^(-k·raw)) / (1 - e^(-k))`, concave, strictly increasing, 0 → 0 and 1 → 1.
///
/// Cosines of TF-IDF vectors crowd near zero: two reports of one event often share only a
/// fifth of their weight, while unrelated texts share almost nothing. The concave map spreads
/// the low end, so that the value grows roughly in step with how alike a reader finds the
/// two texts, and leaves the order of any two scores (hence every clustering decision)
/// unchanged.
pub(crate) fn calibrate(raw: f64) -> f64 {
    let r = if raw.is_nan() {
        0.0
    } else {
        raw.clamp(0.0, 1.0)
    };
    ((1.0 - (-CALIBRATION * r).exp()) / (1.0 - (-CALIBRATION).exp())).clamp(0.0, 1.0)
}

/// Similarity of two documents in [0, 1]: the function clustering uses between an article and
/// a story's members, on the scale of [`Config::threshold`](crate::Config::threshold). Within
/// one language it rests on words and anchors; across languages (told by their
/// [`LanguageProfile`]s) on anchors and cognates, which count more when both publication
/// times are known and close. The raw mix of cosines is spread by a concave, increasing map
/// (`(1 - e^(-4·raw)) / (1 - e^(-4))`), so that half-related pairs do not all sit near zero.
/// Documents that mention only distant years, or whose headlines name different sport
/// disciplines or medal colours and none in common, are less similar. Symmetric; 0 when either
/// document is empty.
///
/// When both documents carry a vector ([`Doc::with_vector`]), their cosine can raise the raw
/// mix, never lower it: `max(base, (1 − w)·base + w·v)`, with `v` the cosine rescaled from
/// [0.6, 1] onto [0, 1] and `w` 0.5 between documents in different languages (down to 0.1
/// within one language, where words already carry the judgement); the year and headline
/// conflicts still apply. Without vectors on both sides the value is exactly the one above.
pub fn similarity(a: &Doc, b: &Doc) -> f64 {
    calibrate(similarity_and_anchors(a, b).0)
}

/// The raw (uncalibrated) similarity and the anchor cosine of the two documents, computed
/// once: clustering scores are mixed on the raw scale and calibrated only when compared with
/// the thresholds.
pub(crate) fn similarity_and_anchors(a: &Doc, b: &Doc) -> (f64, f32) {
    let anchors = dot(&a.anchors, &b.anchors);
    let same = a.language.same_language(&b.language);
    let base = combine(
        dot(&a.words, &b.words),
        anchors,
        dot(&a.cognates, &b.cognates),
        same,
        nearness_guessed(a.time, b.time, a.time_guessed || b.time_guessed),
    );
    let s = vector_mix(base, vector_cosine(a, b), same)
        * year_agreement(&a.years, &b.years)
        * kind_agreement(&a.kinds, &b.kinds);
    (s, anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_of(v: &mut Vectorizer, title: &str, text: &str) -> Doc {
        v.doc(&DocInput {
            title: Some(title),
            text: Some(text),
            time: None,
        })
    }

    #[test]
    fn body_tells_a_headline_alone_from_an_article() {
        let f = |title: Option<&str>, text: Option<&str>| {
            features(&DocInput {
                title,
                text,
                time: None,
            })
            .body
        };
        assert!(!f(Some("Warehouse fire in Kalmsund"), None));
        assert!(!f(Some("Warehouse fire in Kalmsund"), Some("  ")));
        assert!(f(
            Some("Warehouse fire"),
            Some("A fire destroyed the warehouse.")
        ));
        // A short first line stands in for the missing title; the rest is the body.
        assert!(f(
            None,
            Some("Warehouse fire\nA fire destroyed the warehouse.")
        ));
        // A single line with no title is read as a body.
        assert!(f(None, Some("Warehouse fire in Kalmsund")));
    }

    #[test]
    fn cross_language_place_anchors_match() {
        let a = features(&DocInput {
            title: Some("Attack in Russia"),
            text: None,
            time: None,
        });
        let b = features(&DocInput {
            title: Some("Attack i Ryssland"),
            text: None,
            time: None,
        });
        let c = features(&DocInput {
            title: Some("Атака в России"),
            text: None,
            time: None,
        });
        let place = key(K_PLACE, "russia");
        for f in [&a, &b, &c] {
            assert!(f.anchors.iter().any(|e| e.0 == place), "{f:?}");
        }
    }

    #[test]
    fn genitives_and_acronyms() {
        let f = features(&DocInput {
            title: None,
            text: Some("Efter USA:s utträde och Rysslands krig."),
            time: None,
        });
        assert!(f.anchors.iter().any(|e| e.0 == key(K_PLACE, "usa")));
        assert!(f.anchors.iter().any(|e| e.0 == key(K_PLACE, "russia")));
        let g = features(&DocInput {
            title: None,
            text: Some("The Islamic State said. Later IS denied it."),
            time: None,
        });
        assert!(g.anchors.iter().any(|e| e.0 == key(K_ENTITY, "is")));
    }

    #[test]
    fn sentence_initial_words_are_names_only_when_confirmed() {
        let f = features(&DocInput {
            title: Some("Two dead as fire hits Kalmsund"),
            text: Some(
                "Two people died. The fire in Kalmsund spread. Officials said Kalmsund port was shut.",
            ),
            time: None,
        });
        let has = |w: &str| f.anchors.iter().any(|e| e.0 == key(K_ENTITY, stem(w)));
        assert!(has("kalmsund"), "confirmed inside a sentence");
        assert!(!has("two"), "only ever capitalised at a sentence start");
        assert!(!has("officials"));
        let headline_only = features(&DocInput {
            title: Some("Biles withdraws from team final"),
            text: None,
            time: None,
        });
        assert!(
            headline_only
                .anchors
                .iter()
                .any(|e| e.0 == key(K_ENTITY, stem("biles"))),
            "with no body, headline words count: {headline_only:?}"
        );
    }

    #[test]
    fn lines_in_capitals_yield_no_names() {
        let f = features(&DocInput {
            title: Some("Fire at the harbour"),
            text: Some(
                "GOOD EVENING AND THANKS FOR JOINING US. THE FIRE STARTED AROUND MIDNIGHT, \
                 OUR REPORTER IS LIVE.\nFirefighters said Ellen Brask saw the smoke first.",
            ),
            time: None,
        });
        let g = features(&DocInput {
            title: Some("Fire at the harbour"),
            text: Some("Firefighters said Ellen Brask saw the smoke first."),
            time: None,
        });
        let has = |f: &Features, w: &str| {
            let k = key(K_ENTITY, stem(w));
            f.anchors.iter().any(|e| e.0 == k)
        };
        for w in [
            "good", "thanks", "joining", "reporter", "midnight", "the", "and",
        ] {
            assert!(!has(&f, w), "capitals of a shouted line prove no name: {w}");
        }
        assert!(has(&f, "ellen") && has(&f, "brask") && has(&g, "brask"));
        assert!(
            f.words.len() > g.words.len(),
            "its words still count as words"
        );
        assert!(is_shouting(
            "THE FIRE STARTED AROUND MIDNIGHT, OUR REPORTER IS LIVE."
        ));
        assert!(!is_shouting(
            "NATO and the EU met in Brussels on Monday to talk."
        ));
        assert!(!is_shouting("BREAKING: FIRE"), "too short to judge");
    }

    #[test]
    fn day_and_month_names_are_not_names() {
        let f = features(&DocInput {
            title: None,
            text: Some("Police said on Sunday that Quimby was shot in March. Sonntag kam Prell."),
            time: None,
        });
        let has = |w: &str| f.anchors.iter().any(|e| e.0 == key(K_ENTITY, stem(w)));
        assert!(has("quimby") && has("prell"));
        assert!(!has("sunday") && !has("march") && !has("sonntag"), "{f:?}");
    }

    #[test]
    fn languages_are_told_apart() {
        let en = features(&DocInput {
            title: Some("Fire in the harbour"),
            text: Some(
                "The fire spread to the terminal and the ferry was cancelled for the night.",
            ),
            time: None,
        });
        let sv = features(&DocInput {
            title: Some("Brand i hamnen"),
            text: Some("Elden spred sig till terminalen och färjan ställdes in under natten."),
            time: None,
        });
        let x = en.language.same_language(&sv.language);
        assert!(x < 0.4, "{x}");
        assert!(en.language.same_language(&en.language) > 0.99);
    }

    #[test]
    fn anchors_carry_more_weight_across_languages_and_when_near_in_time() {
        let (w, x, c) = (0.02, 0.4, 0.05);
        let same_language = combine(w, x, c, 1.0, 0.0);
        let across = combine(w, x, c, 0.0, 0.0);
        let across_near = combine(w, x, c, 0.0, 1.0);
        assert!(same_language < across && across < across_near);
        assert!(
            across_near > 0.28 && same_language < 0.2,
            "{across_near} {same_language}"
        );
        // Words still rule within one language.
        assert!(combine(0.6, 0.4, 0.1, 1.0, 0.0) > combine(0.0, 0.4, 0.1, 0.0, 1.0));
        for args in [(1.0, 1.0, 1.0, 0.0, 1.0), (0.0, 0.0, 0.0, 0.5, 0.5)] {
            let s = combine(args.0, args.1, args.2, args.3, args.4);
            assert!((0.0..=1.0).contains(&s));
        }
    }

    #[test]
    fn nearness_decays_with_the_gap() {
        assert_eq!(nearness(None, Some(0)), 0.0);
        assert!((nearness(Some(0), Some(0)) - 1.0).abs() < 1e-12);
        let day = nearness(Some(0), Some(86_400));
        assert!(day < 0.5 && day > nearness(Some(0), Some(7 * 86_400)));
        assert_eq!(nearness(Some(5), Some(0)), nearness(Some(0), Some(5)));
        assert!(nearness(Some(i64::MIN), Some(i64::MAX)) >= 0.0);
    }

    #[test]
    fn numbers_and_dates_are_language_independent() {
        let en = features(&DocInput {
            title: None,
            text: Some("On February 17, 2005 it flew 9,420 miles."),
            time: None,
        });
        let es = features(&DocInput {
            title: None,
            text: Some("El 17 de febrero del 2005 voló 9.420 millas."),
            time: None,
        });
        for k in [
            key(K_DATE, "2-17"),
            key(K_NUMBER, "2005"),
            key(K_NUMBER, "9420"),
        ] {
            assert!(en.anchors.iter().any(|e| e.0 == k));
            assert!(es.anchors.iter().any(|e| e.0 == k));
        }
    }

    #[test]
    fn chinese_bigrams_and_places() {
        let f = features(&DocInput {
            title: Some("俄罗斯总统普京"),
            text: None,
            time: None,
        });
        assert_eq!(f.words.len(), 6);
        assert!(f.anchors.iter().any(|e| e.0 == key(K_PLACE, "russia")));
    }

    #[test]
    fn similarity_is_bounded_symmetric_and_ranks() {
        let mut v = Vectorizer::new();
        let a = doc_of(
            &mut v,
            "Fire destroys warehouse in Leeds",
            "A fire destroyed a warehouse in Leeds on Monday.",
        );
        let b = doc_of(
            &mut v,
            "Leeds warehouse fire",
            "Firefighters fought a warehouse fire in Leeds on Monday night.",
        );
        let c = doc_of(
            &mut v,
            "Central bank raises rates",
            "The central bank raised interest rates by half a point.",
        );
        let ab = similarity(&a, &b);
        let ac = similarity(&a, &c);
        assert!((0.0..=1.0).contains(&ab) && (0.0..=1.0).contains(&ac));
        assert!((similarity(&b, &a) - ab).abs() < 1e-9);
        assert!(ab > 0.3 && ac < 0.1, "ab {ab} ac {ac}");
        assert!((similarity(&a, &a) - 1.0).abs() < 1e-4);
        assert_eq!(similarity(&a, &Doc::default()), 0.0);
    }

    #[test]
    fn different_years_lower_the_similarity() {
        let mut v = Vectorizer::new();
        let text = "The champion retained his heavyweight title in Mannheim on Saturday.";
        let a = v.doc(&DocInput {
            title: Some("Champion retains title (2008)"),
            text: Some(text),
            time: None,
        });
        let b = v.doc(&DocInput {
            title: Some("Champion retains title (2012)"),
            text: Some(text),
            time: None,
        });
        let c = v.doc(&DocInput {
            title: Some("Champion retains title (2008 bout)"),
            text: Some(text),
            time: None,
        });
        // The year factor applies to the raw mix; the calibrated values keep the order.
        let raw = |x: &Doc, y: &Doc| similarity_and_anchors(x, y).0;
        assert!(
            raw(&a, &b) < 0.8 * raw(&a, &c),
            "{} vs {}",
            raw(&a, &b),
            raw(&a, &c)
        );
        assert!(similarity(&a, &b) < similarity(&a, &c));
    }

    #[test]
    fn headlines_naming_different_disciplines_conflict() {
        let kinds = |t: &str| {
            features(&DocInput {
                title: Some(t),
                text: None,
                time: None,
            })
            .kinds
        };
        let judo = kinds("Japan wins judo gold");
        let judo_es = kinds("Japón gana el oro en judo");
        let swim = kinds("Japan wins swimming gold");
        let bronze = kinds("Japan takes bronze in judo");
        let none = kinds("Japan celebrates at the Games");
        assert!(!judo.is_empty() && judo == judo_es, "{judo:?} {judo_es:?}");
        assert_eq!(kind_agreement(&judo, &judo_es), 1.0);
        assert_eq!(kind_agreement(&judo, &swim), KIND_CONFLICT);
        assert_eq!(
            kind_agreement(&judo, &bronze),
            KIND_CONFLICT,
            "gold vs bronze"
        );
        assert_eq!(kind_agreement(&judo, &none), 1.0, "nothing to disagree on");
        let both = kinds("Gold in judo, bronze in swimming");
        assert_eq!(kind_agreement(&judo, &both), 1.0);
        assert_eq!(kind_agreement(&both, &swim), 1.0);
        // Body text does not count: a passing mention proves nothing.
        let f = features(&DocInput {
            title: Some("Japan wins judo gold"),
            text: Some("He used to swim as a child before judo."),
            time: None,
        });
        assert_eq!(f.kinds, judo);
        let mut v = Vectorizer::new();
        let a = doc_of(&mut v, "Takato wins judo gold for Japan", "");
        let b = doc_of(&mut v, "Takato wins swimming gold for Japan", "");
        let c = doc_of(&mut v, "Takato wins judo gold for Japan today", "");
        assert!(similarity(&a, &b) < similarity(&a, &c));
    }

    #[test]
    fn neighbouring_years_agree_distant_ones_do_not() {
        assert_eq!(year_agreement(&[], &[2012]), 1.0);
        assert_eq!(year_agreement(&[2008, 2012], &[2012]), 1.0);
        // A January follow-up of a December incident.
        assert_eq!(year_agreement(&[2020], &[2019]), 1.0);
        assert_eq!(year_agreement(&[1999, 2020], &[2003, 2018]), YEAR_CONFLICT);
        assert_eq!(year_agreement(&[2008], &[2012]), YEAR_CONFLICT);
    }

    #[test]
    fn calibration_is_increasing_concave_and_bounded() {
        assert_eq!(calibrate(0.0), 0.0);
        assert!((calibrate(1.0) - 1.0).abs() < 1e-12);
        assert_eq!(calibrate(f64::NAN), 0.0);
        assert_eq!(calibrate(-3.0), 0.0);
        assert_eq!(calibrate(7.0), calibrate(1.0));
        let mut last = 0.0;
        for i in 1..=100 {
            let x = f64::from(i) / 100.0;
            let y = calibrate(x);
            assert!(y > last, "increasing at {x}");
            assert!(y >= x, "above the diagonal (concave) at {x}");
            last = y;
        }
        // Raw 0.1 already counts for about a third: low cosines are spread out.
        assert!(
            calibrate(0.1) > 0.3 && calibrate(0.1) < 0.4,
            "{}",
            calibrate(0.1)
        );
    }

    #[test]
    fn similarity_stays_in_range_on_odd_inputs() {
        let mut v = Vectorizer::new();
        let inputs = [
            "",
            "a",
            "1 2 3",
            "ÅÄÖ åäö",
            "東京 東京 東京",
            "ABC DEF GHI",
            "x\u{0}y",
            "مرحبا بالعالم",
            "The the THE",
            "2024-03-22 22:00",
            "Ρωσία Россия Russia",
        ];
        let docs: Vec<Doc> = inputs
            .iter()
            .map(|t| {
                v.doc(&DocInput {
                    title: Some(t),
                    text: Some(t),
                    time: None,
                })
            })
            .collect();
        for a in &docs {
            for b in &docs {
                let s = similarity(a, b);
                assert!((0.0..=1.0).contains(&s), "{s}");
                assert!((s - similarity(b, a)).abs() < 1e-9);
            }
        }
    }

    /// The incident pins of a shooting report with `text` as its body.
    fn pins_of(text: &str) -> Vec<u64> {
        features(&DocInput {
            title: Some("Shooting"),
            text: Some(text),
            time: None,
        })
        .pins
    }

    #[test]
    fn incident_pins_are_ages_and_street_blocks() {
        let f = pins_of(
            "A 22-year-old man was shot. Police named him as John Smith, 35, of Riverton. \
             It happened in the 1200 block of West Main Street. A woman aged 40 and a \
             4-month-old girl were unhurt. Die 19-jährige Zeugin rief die Polizei.",
        );
        let want = [
            pin_key("age", 22, ""),
            pin_key("age", 35, ""),
            pin_key("block", 1200, "main"),
            pin_key("age", 40, ""),
            pin_key("age", 4 + MONTHS_OFFSET, ""),
            pin_key("age", 19, ""),
        ];
        for k in want {
            assert!(f.contains(&k), "{k} missing from {f:?}");
        }
        assert_eq!(f.len(), want.len(), "{f:?}");
        assert_eq!(
            f.iter().filter(|&&k| is_block_pin(k)).count(),
            1,
            "one street block"
        );
        assert!(f.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        // Dates, sentences in years, counts and house numbers are no pins.
        let none = pins_of(
            "On Jan. 5, 2015, the court sentenced him to 25 years. Four people, 3 of them \
             children, lived at 1200 Main Street. Smith, 22 years later, moved away.",
        );
        assert!(none.is_empty(), "{none:?}");
        // The same age written two ways is one pin; after a common noun, "boy, 6," is no age
        // (it might be a list).
        assert_eq!(
            pins_of("Police said Ana Lopez, 6, was hurt."),
            pins_of("A 6-year-old girl was hurt.")
        );
        assert!(pins_of("The boy, 6, 7 and 8 were read.").is_empty());
    }

    #[test]
    fn times_of_day_are_pins() {
        let half_past_two = pins_of("Shots rang out shortly after 2:30 a.m. on Sunday.");
        assert_eq!(half_past_two, vec![pin_key("time", 230, "")]);
        assert!(
            half_past_two
                .iter()
                .all(|&k| k & 3 == 2 && !is_age_pin(k) && !is_block_pin(k)),
            "a time of day is neither an age nor a street block"
        );
        assert_eq!(pins_of("Police were called at 2:30am."), half_past_two);
        assert_eq!(pins_of("It was 2:30 AM."), half_past_two);
        // Whole hours, written with or without minutes and points, are one time.
        let two_pm = pins_of("The fight began around 2 p.m.");
        assert_eq!(two_pm, vec![pin_key("time", 1400, "")]);
        assert_eq!(pins_of("at 2pm"), two_pm);
        assert_eq!(pins_of("at 2:00 p.m."), two_pm);
        assert_ne!(pins_of("at 2 a.m."), two_pm);
        // Midnight and noon: 12:15 a.m. is a quarter past midnight.
        assert_eq!(pins_of("at 12:15 a.m."), vec![pin_key("time", 15, "")]);
        assert_eq!(pins_of("at 12:15 p.m."), vec![pin_key("time", 1215, "")]);
        // Numbers that are no clock reading.
        for text in [
            "Section 2 of the law.",
            "He had 2 a day.",
            "At 13 p.m. nothing.",
            "It cost 2:75 pm.",
            "A 2 m wall.",
        ] {
            assert!(pins_of(text).is_empty(), "{text}: {:?}", pins_of(text));
        }
    }

    #[test]
    fn headline_subjects_are_people_the_body_names_in_full() {
        let f = features(&DocInput {
            title: Some("Rovers' Okafor arrested after late-night crash in Harwick"),
            text: Some(
                "Rovers striker Daniel Okafor was arrested early on Sunday after his car hit a \
                 wall in Harwick. The Rovers said they were aware of the incident. Okafor was \
                 released on bail, police said.",
            ),
            time: None,
        });
        assert_eq!(f.subjects, vec![key(K_ENTITY, stem("okafor"))]);
        // A name in the body only, or a headline name never written as a full name, is no
        // subject; neither is anything of a headline-less text.
        let g = features(&DocInput {
            title: Some("Striker arrested after crash"),
            text: Some("Rovers striker Daniel Okafor was arrested on Sunday."),
            time: None,
        });
        assert!(g.subjects.is_empty(), "{:?}", g.subjects);
        let h = features(&DocInput {
            title: Some("Rovers fined after crowd trouble"),
            text: Some("The club Rovers was fined, and Rovers will appeal."),
            time: None,
        });
        assert!(h.subjects.is_empty(), "{:?}", h.subjects);
        // A comma or a sentence end between two capitalised words makes no full name.
        let i = features(&DocInput {
            title: Some("Okafor and Lindqvist called up"),
            text: Some(
                "The coach named Harwick, Okafor and Lindqvist. Lindqvist said he was proud.",
            ),
            time: None,
        });
        assert!(i.subjects.is_empty(), "{:?}", i.subjects);
    }

    #[test]
    fn idf_prefers_unseen_terms() {
        let mut v = Vectorizer::new();
        let f = Features {
            words: (0..1000).map(|k| (k, 1.0)).collect(),
            ..Features::default()
        };
        v.observe(&f);
        assert_eq!(v.n_docs(), 1);
        assert!(
            v.idf(5) < v.idf(5000),
            "seen terms weigh less than unseen ones"
        );
    }

    #[test]
    fn outlet_names_are_dropped_from_headlines() {
        assert_eq!(
            strip_outlet("Seven COVID cases at Olympic hotel | CBC Sports"),
            "Seven COVID cases at Olympic hotel"
        );
        assert_eq!(
            strip_outlet("Los grandes ausentes de Tokio 2020 - Diario Primicia"),
            "Los grandes ausentes de Tokio 2020"
        );
        assert_eq!(
            strip_outlet("Judocas no Japão - 13/07/2021 - E"),
            "Judocas no Japão"
        );
        assert_eq!(
            strip_outlet("Iraq - Car bomb kills 5"),
            "Iraq - Car bomb kills 5",
            "head too short"
        );
        assert_eq!(strip_outlet("Plain headline"), "Plain headline");
    }

    #[test]
    fn vectors_are_quantised_and_compared_by_direction() {
        let a = DenseVector::new(&[3.0, 4.0, 0.0]).expect("vector");
        let b = DenseVector::new(&[0.6, 0.8, 0.0]).expect("vector");
        let c = DenseVector::new(&[4.0, -3.0, 0.0]).expect("vector");
        assert!((a.cosine(&b).expect("same length") - 1.0).abs() < 1e-3);
        assert!(a.cosine(&c).expect("same length").abs() < 0.01);
        let exact = |x: &[f32], y: &[f32]| {
            let d: f32 = x.iter().zip(y).map(|(p, q)| p * q).sum();
            let n = |v: &[f32]| v.iter().map(|p| p * p).sum::<f32>().sqrt();
            d / (n(x) * n(y))
        };
        let x: Vec<f32> = (0..300)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
            .collect();
        let y: Vec<f32> = (0..300)
            .map(|i| ((i * 53 % 89) as f32 - 44.0) / 3.0)
            .collect();
        let q = DenseVector::new(&x)
            .and_then(|p| p.cosine(&DenseVector::new(&y)?))
            .expect("vectors");
        assert!((q - exact(&x, &y)).abs() < 0.005, "{q} {}", exact(&x, &y));
        let unit: f32 = a.unit().map(|v| v * v).sum();
        assert!((unit - 1.0).abs() < 1e-4);
        assert_eq!(
            DenseVector::new(&[1.0, 0.0]).and_then(|p| p.cosine(&a)),
            None
        );
        assert!(DenseVector::new(&[]).is_none());
        assert!(DenseVector::new(&[0.0, -0.0]).is_none());
        assert!(DenseVector::new(&[f32::NAN, f32::INFINITY]).is_none());
        assert!(DenseVector::new(&vec![1.0; MAX_VECTOR_DIM + 1]).is_none());
        let odd = DenseVector::new(&[f32::NAN, 2.0, f32::NEG_INFINITY]).expect("finite part");
        assert!(
            (odd.cosine(&DenseVector::new(&[0.0, 1.0, 0.0]).expect("v"))
                .expect("c")
                - 1.0)
                .abs()
                < 1e-4
        );
    }

    #[test]
    fn vectors_raise_the_similarity_only_when_both_have_one() {
        let mut v = Vectorizer::new();
        let en = doc_of(
            &mut v,
            "Earthquake: rescuers search the rubble",
            "The rescuers searched the rubble for survivors through the night and they found \
             several of them alive.",
        );
        let sv = doc_of(
            &mut v,
            "Jordskalv: räddningsarbetare letar i rasmassorna",
            "Räddningsarbetarna letade i rasmassorna efter överlevande under natten och de \
             hittade flera av dem vid liv.",
        );
        let base = similarity(&en, &sv);
        let close = [0.9, 0.3, 0.1, 0.0];
        let near = [0.85, 0.4, 0.05, 0.1];
        let far = [0.0, 0.1, 0.2, 0.95];
        // One side only, or vectors of different lengths: exactly as without vectors.
        assert_eq!(similarity(&en.clone().with_vector(&close), &sv), base);
        assert_eq!(
            similarity(
                &en.clone().with_vector(&close),
                &sv.clone().with_vector(&[1.0, 0.0])
            ),
            base
        );
        let (a, b) = (
            en.clone().with_vector(&close),
            sv.clone().with_vector(&near),
        );
        assert!(a.has_vector() && !en.has_vector());
        let raised = similarity(&a, &b);
        assert!(raised > base + 0.3, "{base} -> {raised}");
        assert!((similarity(&b, &a) - raised).abs() < 1e-12);
        // Distant vectors are no evidence either way.
        assert_eq!(similarity(&a, &sv.clone().with_vector(&far)), base);
        // Within one language the vectors count far less.
        let en2 = doc_of(
            &mut v,
            "Rescuers search the rubble after earthquake",
            "Through the night the rescuers searched the rubble and found several survivors.",
        );
        let same_base = similarity(&en, &en2);
        let same = similarity(&a, &en2.clone().with_vector(&near));
        assert!(
            same >= same_base && same - same_base < raised - base,
            "{same_base} {same}"
        );
        assert_eq!(vector_mix(0.3, None, 0.0), 0.3);
        assert_eq!(vector_mix(0.3, Some(0.2), 0.0), 0.3);
        assert!((vector_mix(0.0, Some(1.0), 0.0) - VECTOR_CROSS).abs() < 1e-12);
        assert!((vector_mix(0.0, Some(1.0), 1.0) - VECTOR_SAME).abs() < 1e-12);
    }

    #[test]
    fn bad_input_is_bounded() {
        let long = "word ".repeat(1_000_000);
        let f = features(&DocInput {
            title: Some(&long),
            text: Some(&long),
            time: None,
        });
        assert_eq!(f.words.len(), 1);
        let odd = "\u{0}\u{200b}🙂🙂 ...,,, 1.2.3.4.5 ١٢٣ ﷽";
        let _ = features(&DocInput {
            title: Some(odd),
            text: Some(odd),
            time: None,
        });
        assert!(features(&DocInput::default()).is_empty());
    }
}
