//! Online clustering of documents into stories, in publication order.
//!
//! Each new document is compared only with the active stories that share one of its strongest
//! terms (an inverted index over the stories' member terms, with bounded posting lists; a story
//! votes once per shared term, however often it was posted under it), never with every story.
//! A story sharing several rare anchors with the document (names or a street that no other
//! story is indexed under) is compared with too, however few words the two share: the
//! follow-up of an incident is often worded quite differently. Its score against a story mixes the similarity to the story's centroid and
//! to its most similar recent member, minus a penalty that grows with the logarithm of the time
//! since the story was last updated (a day apart costs little, months apart a lot). Shared
//! anchors forgive that penalty: a follow-up weeks later (arrest, trial) names the same people,
//! street and date as the first report; several rare names in common (carried by hardly any
//! other document of the stream) forgive it entirely, however old the story. A text published
//! within days of the story's last update gets a small bonus, a bare headline a small malus (it
//! shares generic words by chance). Above [`Config::threshold`] it joins the best story (a
//! headline without a body, above the slightly higher [`Config::headline_threshold`]);
//! otherwise, before it opens a new one, a second look lets it join a close candidate (within
//! [`Config::pin_slack`] of the threshold, updated within [`Config::pin_window_secs`]) when one
//! of the story's recent members shares an *incident pin* with it (a victim's age, a street
//! block, the time of day) and a rare name or place: two incidents of one kind in one city
//! seldom share both. A roundup naming more than [`Config::pin_max_ages`] ages gets no second
//! look (its pins belong to several incidents).
//! A document whose headline is about people
//! (see [`Features::subjects`](crate::Features::subjects)) none of whom a story has named
//! anywhere, while the story's headlines are about other people, scores less against it
//! ([`Config::subject_conflict`]): two DUI arrests of two players of one team, worded alike and
//! undated, are two stories.
//! When a document is close to two stories at once (above [`Config::merge_threshold`]), the two
//! merge and the younger story's id keeps pointing to the merged one
//! ([`OnlineClusterer::resolve`]); so do two stories that a document joins and scores above the
//! threshold against when all three headlines are about one person and the two stories are as
//! alike as a document must be to join one ([`Config::subject_merge`]). Stories leave the
//! active set when they have not been updated for [`Config::window_secs`] or when more than
//! [`Config::max_active`] are active, so the cost per document stays flat however long the
//! stream runs.
//!
//! Documents may carry a dense vector ([`OnlineClusterer::add_with_vector`],
//! [`Doc::with_vector`]), e.g. from a multilingual embedder: it takes part in every similarity
//! (see [`similarity`](crate::similarity)), stories keep the sum of their members' vectors as a
//! centroid, and each vector gets a few locality-sensitive-hashing keys (the signs of its
//! projections on random hyperplanes drawn from a fixed seed, in [`Config::lsh_bands`] bands of
//! [`Config::lsh_bits`] bits) that are posted in the same inverted index as the terms. A story
//! sharing a band key with the document is a candidate even when it shares no term (a report in
//! another language that names nothing the first one named); the few closest by centroid vector
//! ([`Config::vector_candidates`]) are scored in full. Still no scan of all stories, and
//! documents without vectors are clustered exactly as before.
//!
//! # What did not help
//!
//! On a stream of headlines alone (a day of Olympic headlines in nine languages), where one
//! big event ("the Games open") is split into many stories: a *lower* threshold for headlines
//! without a body (every value tried merged other stories of the day faster than it joined the
//! pieces of the big one); a second look that lets a headline whose anchors are all common
//! ones ("Tokyo", "Olympics") join the largest story updated within a day among the close
//! candidates; and a lower merge threshold for such headlines (stories chain). A slightly
//! *higher* threshold for them ([`Config::headline_threshold`]) did help.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::doc::{
    DenseVector, Doc, DocInput, GUESS_SLACK_DAYS, VECTOR_FLOOR, Vectorizer, calibrate, combine,
    is_age_pin, is_block_pin, kind_agreement, nearness_guessed, similarity_and_anchors, vector_mix,
    year_agreement,
};
use crate::lang::LanguageSum;

/// Most distinct years remembered per story.
const MAX_STORY_YEARS: usize = 32;

/// Most exclusive concepts (sport disciplines, medal colours) remembered per story.
const MAX_STORY_KINDS: usize = 16;

/// Most headline subjects and headline names remembered per story.
const MAX_STORY_SUBJECTS: usize = 32;
/// Most names written as a person's remembered per story.
const MAX_STORY_PEOPLE: usize = 256;

/// Adds keys to a sorted list without duplicates holding at most `max` (a story's years,
/// exclusive concepts, headline names).
fn add_sorted<T: Ord + Copy>(list: &mut Vec<T>, keys: &[T], max: usize) {
    for &k in keys {
        if let Err(i) = list.binary_search(&k)
            && list.len() < max
        {
            list.insert(i, k);
        }
    }
}

/// The people a story's headlines are about, kept up to date as members join: a name of one
/// member's headline that one member (the same or another) writes as a person's.
#[derive(Debug, Default)]
struct Subjects {
    /// Names of the members' headlines, sorted.
    headline: Vec<u64>,
    /// Names the members write as a person's, sorted.
    people: Vec<u64>,
    /// Headline names that are people's, sorted.
    subjects: Vec<u64>,
}

impl Subjects {
    fn add(&mut self, headline: &[u64], people: &[u64]) {
        add_sorted(&mut self.headline, headline, MAX_STORY_SUBJECTS);
        add_sorted(&mut self.people, people, MAX_STORY_PEOPLE);
        for &k in headline {
            if self.people.binary_search(&k).is_ok() {
                add_sorted(&mut self.subjects, &[k], MAX_STORY_SUBJECTS);
            }
        }
        for &k in people {
            if self.headline.binary_search(&k).is_ok() {
                add_sorted(&mut self.subjects, &[k], MAX_STORY_SUBJECTS);
            }
        }
    }
}

/// Settings of the [`OnlineClusterer`]. [`Config::default`] is the one configuration used for
/// every data set.
#[derive(Debug, Clone)]
pub struct Config {
    /// Lowest score at which a document joins a story, on the scale of
    /// [`similarity`](crate::similarity) (scores are mixed from raw cosines, then put on that
    /// scale before they are compared with this).
    pub threshold: f64,
    /// Score at which a document close to two stories merges them (same scale as
    /// [`Config::threshold`]).
    pub merge_threshold: f64,
    /// Share of the centroid similarity in the score (the rest is the best member's).
    pub centroid_weight: f64,
    /// Score lost per unit of `ln(1 + Δt / time_scale_secs)`, Δt being the time since the
    /// story's last update: a day costs little, a month much more.
    pub time_penalty: f64,
    /// Time scale of the penalty, in seconds.
    pub time_scale_secs: f64,
    /// Stories not updated for this long leave the active set. Long enough for the trial or
    /// the sentencing a year after an incident to find its story; the time penalty keeps
    /// unrelated look-alikes out.
    pub window_secs: i64,
    /// Most active stories; the least recently updated leave first.
    pub max_active: usize,
    /// Terms of a new document looked up in the index.
    pub query_terms: usize,
    /// Terms of each member added to the index.
    pub index_terms: usize,
    /// Candidate stories (those sharing the most query terms) compared with by centroid.
    pub candidates: usize,
    /// Candidates (the closest by centroid) also compared with their recent members.
    pub full_candidates: usize,
    /// Longest posting list; the oldest entries are dropped beyond it.
    pub max_postings: usize,
    /// Recent members kept per story for the best-member similarity.
    pub members_kept: usize,
    /// Largest centroid, in terms; the weakest are pruned beyond it.
    pub max_centroid_terms: usize,
    /// How much shared anchors (names, places, numbers, dates) forgive the time penalty: the
    /// penalty is multiplied by `1 - anchor_relief × a`, `a` being the highest anchor cosine
    /// between the document and a recent member of the story. A follow-up weeks later (arrest,
    /// trial, funeral) names the same victims, suspects, street and date as the first report,
    /// while another incident of the same kind does not.
    pub anchor_relief: f64,
    /// Fewest word features both documents need for their anchors to relieve the time penalty:
    /// the anchors of a headline alone are too few to pin an incident.
    pub relief_min_words: usize,
    /// Rare anchors a document must share with one recent member of a story for a strong link:
    /// the time penalty is then forgiven entirely, however long ago the story was last updated.
    /// The victim's and the suspect's full names, the street and the town of an incident come
    /// back in the arrest, the trial and the sentencing months later; an unrelated report
    /// rarely shares several names nobody else mentions.
    pub strong_link_anchors: usize,
    /// Most documents of the stream (so far) that may carry an anchor for it to count as rare
    /// in a strong link, on a small stream; it must moreover be indexed for no other active
    /// story. A state, "Police" or an outlet's name in a page footer fail either test.
    pub strong_link_max_df: u32,
    /// On a large stream the rarity limit grows with the documents of the active stories: an
    /// anchor counts as rare when at most `max(strong_link_max_df, strong_link_df_share × n)`
    /// documents carry it, `n` being the number of documents in the active stories. A fixed
    /// count would let no anchor of a long-running story qualify once the stream holds millions
    /// of articles.
    pub strong_link_df_share: f64,
    /// Rare anchors (as in a strong link) a document must share with a story for the story to
    /// be scored in full even when it shares few words: a follow-up months later is worded
    /// differently but names the same people and street.
    pub rare_candidate_anchors: usize,
    /// Score added when the document and the story's last update are close in time:
    /// `near_bonus × exp(-Δt / near_scale_secs)`, for a document with at least
    /// [`Config::min_body_words`] word features and only for real (not guessed) times. Reports
    /// of one incident come out within a day or two, and full texts sharing that much are then
    /// rarely about different incidents.
    pub near_bonus: f64,
    /// Time scale of [`Config::near_bonus`], in seconds.
    pub near_scale_secs: f64,
    /// Word features a document needs to count as having a body ([`Config::near_bonus`]);
    /// below it (a headline alone) [`Config::short_penalty`] applies.
    pub min_body_words: usize,
    /// Score taken from a document with fewer than [`Config::min_body_words`] word features:
    /// short headlines share generic words ("Olympics", "Tokyo") by chance, so they need a
    /// little more evidence to join.
    pub short_penalty: f64,
    /// Locality-sensitive-hashing bands of a document vector (see
    /// [`OnlineClusterer::add_with_vector`]): the more bands, the likelier two close vectors share a key. 0 turns the vector candidates
    /// off (vectors are still compared with the candidates found by terms).
    pub lsh_bands: usize,
    /// Bits (random hyperplanes) per band, at most 32: the more bits, the closer two vectors
    /// must be to share a band key. With 6 bands of 12 bits, vectors at cosine 0.95 share a key
    /// nine times in ten, at 0.9 two times in three, at 0.5 one time in twenty.
    pub lsh_bits: usize,
    /// Stories found through vector keys alone that are scored in full (the closest to the
    /// document by centroid vector, above a cosine of 0.6).
    pub vector_candidates: usize,
    /// How far below [`Config::threshold`] a document may join a story on a second look,
    /// instead of opening a new one: when one of the story's recent members shares an
    /// incident pin with it (an age such as "22-year-old", a street block, a time of day such
    /// as "2:30 a.m.") and a rare anchor
    /// (a name, place, number or date carried by at most as many documents as the rarity limit
    /// of a strong link allows, see [`Config::strong_link_max_df`]); a shared street block
    /// ("the 1200 block of Main Street") is a rare place by itself. Two shootings of one kind
    /// in one city rarely share both. Only for real (not guessed) publication times. 0 turns
    /// the second look off.
    pub pin_slack: f64,
    /// Longest time between the document and the story's last update for the second look of
    /// [`Config::pin_slack`], in seconds.
    pub pin_window_secs: u64,
    /// Most ages a document may name for the second look of [`Config::pin_slack`]: a roundup
    /// of a weekend's shootings names many victims, and sharing one of their ages with a story
    /// says little about which incident it is.
    pub pin_max_ages: usize,
    /// Factor on the score of a document whose headline is about people (see
    /// [`Features::subjects`](crate::Features::subjects)) none of whom the story has named
    /// anywhere, while the story's headlines are about other people: a second DUI arrest of
    /// another player of one team, worded like the first. 1 turns the check off.
    pub subject_conflict: f64,
    /// Whether a document that joins one story and scores at least [`Config::threshold`]
    /// (not [`Config::merge_threshold`]) against another merges the two when its headline and
    /// both stories' headlines are about one person and the two stories' centroids are as
    /// similar as a document must be to join a story: two stories on one actress's rehab,
    /// opened by two reports that did not find each other, become one.
    pub subject_merge: bool,
    /// Lowest score at which a headline without a body (a feed item, a list of titles) joins a
    /// story, on the scale of [`Config::threshold`]: a little higher than for a document with
    /// a text, since a few words of a headline ("Tokyo", "Olympics", "opening") are shared by
    /// chance by headlines of other stories of the day far more often than a text's are.
    pub headline_threshold: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            // Raw scores 0.28 and 0.55, on the scale of `similarity`.
            threshold: calibrate(0.28),
            merge_threshold: calibrate(0.55),
            centroid_weight: 0.5,
            time_penalty: 0.04,
            time_scale_secs: 86_400.0,
            window_secs: 730 * 86_400,
            max_active: 50_000,
            query_terms: 24,
            index_terms: 16,
            candidates: 16,
            full_candidates: 4,
            max_postings: 256,
            members_kept: 12,
            max_centroid_terms: 1_500,
            anchor_relief: 1.0,
            relief_min_words: 80,
            strong_link_anchors: 3,
            strong_link_max_df: 3,
            strong_link_df_share: 0.001,
            rare_candidate_anchors: 2,
            near_bonus: 0.15,
            near_scale_secs: 3.0 * 86_400.0,
            min_body_words: 25,
            short_penalty: 0.02,
            lsh_bands: 6,
            lsh_bits: 12,
            vector_candidates: 4,
            pin_slack: 0.2,
            pin_window_secs: 90 * 86_400,
            pin_max_ages: 5,
            subject_conflict: 0.6,
            subject_merge: true,
            // Raw score 0.31.
            headline_threshold: calibrate(0.31),
        }
    }
}

/// What happened to one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The story the document belongs to now.
    pub story: u64,
    /// Whether the document opened this story.
    pub new_story: bool,
    /// Score against the story it joined, on the scale of [`Config::threshold`] (0 for a new
    /// story).
    pub score: f64,
    /// Stories merged into `story` because of this document (their ids now resolve to `story`).
    pub merged: Vec<u64>,
}

/// A sparse summed vector with its squared norm.
#[derive(Debug, Default)]
struct Centroid {
    terms: FxHashMap<u64, f32>,
    norm2: f32,
}

impl Centroid {
    fn add(&mut self, v: &[(u64, f32)], max_terms: usize) {
        for &(k, w) in v {
            let e = self.terms.entry(k).or_insert(0.0);
            self.norm2 += 2.0 * *e * w + w * w;
            *e += w;
        }
        if self.terms.len() > max_terms {
            let mut all: Vec<(u64, f32)> = self.terms.drain().collect();
            all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
            all.truncate(max_terms / 2);
            self.norm2 = all.iter().map(|e| e.1 * e.1).sum();
            self.terms = all.into_iter().collect();
        }
    }

    fn merge(&mut self, other: &Centroid, max_terms: usize) {
        let v: Vec<(u64, f32)> = other.terms.iter().map(|(&k, &w)| (k, w)).collect();
        self.add(&v, max_terms);
    }

    /// Cosine of two centroids.
    fn cosine_with(&self, other: &Centroid) -> f32 {
        let (small, large) = if self.terms.len() <= other.terms.len() {
            (self, other)
        } else {
            (other, self)
        };
        let norms = (small.norm2 * large.norm2).sqrt();
        if norms <= 0.0 || !norms.is_finite() {
            return 0.0;
        }
        let s: f32 = small
            .terms
            .iter()
            .filter_map(|(k, w)| large.terms.get(k).map(|c| c * w))
            .sum();
        s / norms
    }

    fn cosine(&self, v: &[(u64, f32)]) -> f32 {
        if self.norm2 <= 0.0 {
            return 0.0;
        }
        let s: f32 = v
            .iter()
            .filter_map(|(k, w)| self.terms.get(k).map(|c| c * w))
            .sum();
        s / self.norm2.sqrt()
    }
}

#[derive(Debug)]
struct Story {
    id: u64,
    words: Centroid,
    anchors: Centroid,
    cognates: Centroid,
    kinds: Vec<u16>,
    years: Vec<u16>,
    /// The people the members' headlines are about (see
    /// [`Features::subjects`](crate::Features::subjects)).
    subjects: Subjects,
    language: LanguageSum,
    /// Sum of the members' unit vectors (empty until a member with a vector joins).
    vector: Vec<f32>,
    members: VecDeque<Doc>,
    size: u64,
    last_time: Option<i64>,
    /// Whether `last_time` comes only from guessed times (undated members).
    time_guessed: bool,
    stamp: u64,
}

impl Story {
    /// Adds a member's vector to the story's vector sum (vectors of another length than the
    /// first one are left out).
    fn add_vector(&mut self, v: &DenseVector) {
        if self.vector.is_empty() {
            self.vector = v.unit().collect();
        } else if self.vector.len() == v.dim() {
            for (s, x) in self.vector.iter_mut().zip(v.unit()) {
                *s += x;
            }
        }
    }

    /// Cosine of a document's vector with the story's vector sum; `None` when either has none
    /// (or their lengths differ).
    fn vector_cosine(&self, doc: &Doc) -> Option<f32> {
        let v = doc.vector.as_ref()?;
        if self.vector.len() != v.dim() {
            return None;
        }
        let norm = dense_dot(&self.vector, &self.vector).sqrt();
        if norm <= 0.0 || !norm.is_finite() {
            return None;
        }
        let unit: Vec<f32> = v.unit().collect();
        Some((dense_dot(&self.vector, &unit) / norm).clamp(-1.0, 1.0))
    }
}

/// Whether `doc`'s headline is about other people than the story's headlines: both name
/// subjects, and the story has named none of the document's anywhere (not even in passing, as
/// a follow-up names the suspect the first report did not). A report that recalls the story's
/// person in passing ("a similar case involving …") is still about its own. Within one
/// language only: a translation writes other names ("Witte Huis", "White House").
fn subject_conflict(doc: &Doc, story: &Story) -> bool {
    !doc.subjects.is_empty()
        && !story.subjects.subjects.is_empty()
        && story.language.profile().same_language(&doc.language) >= SUBJECT_SAME_LANGUAGE
        && doc.subjects.iter().all(|k| {
            story.subjects.subjects.binary_search(k).is_err()
                && !story.anchors.terms.contains_key(k)
        })
}

/// Likelihood of sharing a language above which two headlines' subjects are compared.
const SUBJECT_SAME_LANGUAGE: f64 = 0.5;

/// The keys two lists sorted by key share (`key` reads an item's key).
fn shared_keys<'a, T>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&T) -> u64 + 'a,
) -> impl Iterator<Item = u64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            let (x, y) = (key(&a[i]), key(&b[j]));
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(x);
                }
            }
        }
        None
    })
}

/// Dot product of two dense vectors of one length, in eight interleaved sums that
/// the compiler can run as SIMD lanes; the order of the additions is fixed, so the result is
/// the same in every run.
fn dense_dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}

/// Seed of the random hyperplanes of the vector keys: fixed, so that keys are the same in
/// every run and process.
const LSH_SEED: u64 = 0x5eed_1a7e_c0de_2024;
/// Seed of the hash that turns a band signature into an index key (apart from the terms'
/// kinds, so a band key never meets a term).
const LSH_KEY_SEED: u64 = 0x15b_ba4d;

/// Random hyperplanes (Gaussian normals) for the vector keys of one vector length.
#[derive(Debug)]
struct Planes {
    dim: usize,
    bands: usize,
    bits: usize,
    /// `bands × bits` normals of `dim` values each.
    normals: Vec<f32>,
}

impl Planes {
    fn new(dim: usize, bands: usize, bits: usize) -> Planes {
        let mut state = LSH_SEED;
        let mut next = || {
            // splitmix64: a fixed, well-mixed sequence; two uniforms make one Gaussian
            // (Box–Muller).
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let n = dim * bands * bits;
        let mut normals = Vec::with_capacity(n);
        while normals.len() < n {
            let (u, v) = (next(), next());
            let g = (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos();
            normals.push(g as f32);
        }
        Planes {
            dim,
            bands,
            bits,
            normals,
        }
    }

    /// One key per band: the band number and the signs of the vector's projections on the
    /// band's hyperplanes, hashed. No keys for a vector of another length.
    fn keys(&self, v: &DenseVector) -> Vec<u64> {
        if v.dim() != self.dim || self.dim == 0 {
            return Vec::new();
        }
        let values: Vec<f32> = v.unit().collect();
        let mut normals = self.normals.chunks_exact(self.dim);
        (0..self.bands)
            .map(|band| {
                let mut signature = band as u64;
                for bit in 0..self.bits {
                    let above = normals.next().is_some_and(|n| dense_dot(n, &values) >= 0.0);
                    signature |= u64::from(above) << (32 + bit);
                }
                xxh3_64_with_seed(&signature.to_le_bytes(), LSH_KEY_SEED)
            })
            .collect()
    }
}

#[derive(Debug, Default)]
struct Slot {
    generation: u32,
    story: Option<Story>,
}

/// Online story clustering over a stream of documents in date order. See the module docs.
#[derive(Debug)]
pub struct OnlineClusterer {
    cfg: Config,
    vectorizer: Vectorizer,
    slots: Vec<Slot>,
    free: Vec<u32>,
    active: usize,
    index: FxHashMap<u64, Vec<(u32, u32)>>,
    queue: VecDeque<(u32, u32, u64)>,
    alias: FxHashMap<u64, u64>,
    /// Slot of each active story, by id.
    by_id: FxHashMap<u64, u32>,
    /// Documents in the active stories.
    window_docs: u64,
    next_id: u64,
    seq: u64,
    now: Option<i64>,
    /// Hyperplanes of the vector keys, drawn when the first vector arrives.
    planes: Option<Planes>,
}

impl Default for OnlineClusterer {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl OnlineClusterer {
    /// A clusterer with no story yet.
    pub fn new(cfg: Config) -> Self {
        OnlineClusterer {
            cfg,
            vectorizer: Vectorizer::new(),
            slots: Vec::new(),
            free: Vec::new(),
            active: 0,
            index: FxHashMap::default(),
            queue: VecDeque::new(),
            alias: FxHashMap::default(),
            by_id: FxHashMap::default(),
            window_docs: 0,
            next_id: 0,
            seq: 0,
            now: None,
            planes: None,
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The vectorizer, with the document frequencies learned so far.
    pub fn vectorizer(&self) -> &Vectorizer {
        &self.vectorizer
    }

    /// Number of stories in the active set.
    pub fn active_stories(&self) -> usize {
        self.active
    }

    /// Number of stories opened so far.
    pub fn stories_opened(&self) -> u64 {
        self.next_id
    }

    /// The story an id stands for now: itself, or the story it was merged into.
    pub fn resolve(&self, mut id: u64) -> u64 {
        // Merges always point from a younger to an older id, so this walk ends.
        while let Some(&to) = self.alias.get(&id) {
            id = to;
        }
        id
    }

    /// Reads, weighs and assigns one document (document frequencies are updated first).
    pub fn add(&mut self, input: &DocInput<'_>) -> Assignment {
        self.add_with_vector(input, None)
    }

    /// Like [`add`](Self::add), with the document's dense vector when it has one (see
    /// [`Doc::with_vector`]): with `None` this is exactly [`add`](Self::add). The vectors of one
    /// stream should all come from one embedder (vectors of different lengths are never
    /// compared).
    ///
    /// The vector takes part in every similarity (see [`similarity`](crate::similarity)), the
    /// story keeps the sum of its members' vectors as a centroid, and the vector gets
    /// [`Config::lsh_bands`] keys (the signs of its projections on [`Config::lsh_bits`] random
    /// hyperplanes per band, drawn from a fixed seed) posted in the story index beside the
    /// terms: a story posted under one of them is a candidate even when it shares no term, and
    /// the [`Config::vector_candidates`] closest by centroid vector are scored in full.
    pub fn add_with_vector(&mut self, input: &DocInput<'_>, vector: Option<&[f32]>) -> Assignment {
        let mut doc = self.vectorizer.doc(input);
        if let Some(v) = vector {
            doc = doc.with_vector(v);
        }
        self.add_doc(doc)
    }

    /// Puts a document back into the story it was assigned to earlier (`story`, an id from a
    /// previous run), without scoring: how a clusterer is rebuilt from stored assignments before
    /// new documents arrive. The story is opened with that id when it is not active; ids of
    /// stories opened later are all greater than every restored id.
    pub fn restore(&mut self, input: &DocInput<'_>, story: u64) {
        self.restore_with_vector(input, None, story);
    }

    /// Like [`restore`](Self::restore), with the document's dense vector when it has one (as
    /// given to [`add_with_vector`](Self::add_with_vector) in the earlier run).
    pub fn restore_with_vector(
        &mut self,
        input: &DocInput<'_>,
        vector: Option<&[f32]>,
        story: u64,
    ) {
        let mut doc = self.vectorizer.doc(input);
        if let Some(v) = vector {
            doc = doc.with_vector(v);
        }
        self.hash_vector(&mut doc);
        self.seq += 1;
        self.date(&mut doc);
        self.expire();
        let story = self.resolve(story);
        self.next_id = self.next_id.max(story.saturating_add(1));
        if doc.is_empty() {
            return;
        }
        match self.by_id.get(&story).copied() {
            Some(slot) => {
                self.join(slot, doc);
            }
            None => {
                self.open_with_id(doc, story);
            }
        }
    }

    /// Makes every story opened from now on get an id of at least `next`.
    pub fn reserve_ids(&mut self, next: u64) {
        self.next_id = self.next_id.max(next);
    }

    /// Gives a document with a vector its vector keys (the hyperplanes are drawn for the
    /// first vector's length).
    fn hash_vector(&mut self, doc: &mut Doc) {
        doc.lsh.clear();
        let Some(v) = doc.vector.as_ref() else {
            return;
        };
        let bands = self.cfg.lsh_bands.min(64);
        let bits = self.cfg.lsh_bits.clamp(1, 32);
        if bands == 0 {
            return;
        }
        let planes = self
            .planes
            .get_or_insert_with(|| Planes::new(v.dim(), bands, bits));
        doc.lsh = planes.keys(v);
    }

    /// Assigns an already weighed document to a story (a document with a vector, see
    /// [`Doc::with_vector`], is also compared and found by it).
    pub fn add_doc(&mut self, mut doc: Doc) -> Assignment {
        self.hash_vector(&mut doc);
        self.seq += 1;
        self.date(&mut doc);
        self.expire();
        if doc.is_empty() {
            // Nothing to compare: a story of its own, never a candidate for others.
            let id = self.next_id;
            self.next_id += 1;
            return Assignment {
                story: id,
                new_story: true,
                score: 0.0,
                merged: Vec::new(),
            };
        }
        let query = doc.top_terms(self.cfg.query_terms);
        let mut scored = self.score_candidates(&doc, &query);
        for e in &mut scored {
            e.1 = calibrate(e.1);
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let threshold = if doc.body {
            self.cfg.threshold
        } else {
            self.cfg.headline_threshold
        };
        match scored.first().copied() {
            Some((slot, score)) if score >= threshold => {
                let mut merged = Vec::new();
                for &(other, s) in scored.iter().skip(1) {
                    let same_subject = self.cfg.subject_merge
                        && s >= self.cfg.threshold
                        && self.same_subject(&doc, slot, other);
                    if s >= self.cfg.merge_threshold || same_subject {
                        if let Some(id) = self.merge(slot, other) {
                            merged.push(id);
                        }
                    } else if s < self.cfg.threshold {
                        break;
                    }
                }
                let story = self.join(slot, doc);
                Assignment {
                    story,
                    new_story: false,
                    score,
                    merged,
                }
            }
            _ => {
                // A second look before a new story opens: a close candidate that shares an
                // incident pin and a rare name or place with one of its members.
                if let Some((slot, score)) = self.pinned_candidate(&doc, &scored) {
                    let story = self.join(slot, doc);
                    return Assignment {
                        story,
                        new_story: false,
                        score,
                        merged: Vec::new(),
                    };
                }
                let story = self.open(doc);
                Assignment {
                    story,
                    new_story: true,
                    score: 0.0,
                    merged: Vec::new(),
                }
            }
        }
    }

    /// Whether the stories in slots `a` and `b` are one story told twice (see
    /// [`Config::subject_merge`]): the document's headline and both stories' headlines are
    /// about one person, and the two stories' centroids are as similar as a document must be to
    /// join a story.
    fn same_subject(&self, doc: &Doc, a: u32, b: u32) -> bool {
        let story = |slot: u32| self.slots.get(slot as usize).and_then(|x| x.story.as_ref());
        let (Some(x), Some(y)) = (story(a), story(b)) else {
            return false;
        };
        let (sx, sy) = (&x.subjects.subjects, &y.subjects.subjects);
        let shared = doc
            .subjects
            .iter()
            .any(|k| sx.binary_search(k).is_ok() && sy.binary_search(k).is_ok());
        if !shared {
            return false;
        }
        let same = x.language.profile().same_language(&y.language.profile());
        let raw = combine(
            x.words.cosine_with(&y.words),
            x.anchors.cosine_with(&y.anchors),
            x.cognates.cosine_with(&y.cognates),
            same,
            0.0,
        );
        calibrate(raw) >= self.cfg.threshold
    }

    /// Moves the stream's clock and dates an undated document. An article without a date is
    /// taken to be about the stream's present: "now" is the latest publication time seen. Until
    /// the first dated document arrives there is no present; then the undated stories opened
    /// before it take its time.
    fn date(&mut self, doc: &mut Doc) {
        if doc.time.is_none() && self.now.is_some() {
            doc.time = self.now;
            doc.time_guessed = true;
        }
        let Some(t) = doc.time else {
            return;
        };
        if self.now.is_none() {
            for story in self.slots.iter_mut().filter_map(|s| s.story.as_mut()) {
                if story.last_time.is_none() {
                    story.last_time = Some(t);
                    story.time_guessed = true;
                }
                for m in story.members.iter_mut() {
                    if m.time.is_none() {
                        m.time = Some(t);
                        m.time_guessed = true;
                    }
                }
            }
        }
        self.now = Some(self.now.map_or(t, |n| n.max(t)));
    }

    /// Scores the active stories sharing a query term with `doc`; returns (slot, score).
    fn score_candidates(&self, doc: &Doc, query: &[(u64, f32)]) -> Vec<(u32, f64)> {
        // Votes per slot, with the last query term that voted: a story posted several times
        // under one term (a long story re-posts its recurring terms) votes once for it, so
        // that big stories do not crowd small ones out of the candidates.
        let mut votes: FxHashMap<u32, (f32, usize)> = FxHashMap::default();
        for (qi, (k, w)) in query.iter().enumerate() {
            if let Some(list) = self.index.get(k) {
                for &(slot, generation) in list {
                    if self.alive(slot, generation) {
                        let e = votes.entry(slot).or_insert((0.0, usize::MAX));
                        if e.1 != qi {
                            e.0 += w;
                            e.1 = qi;
                        }
                    }
                }
            }
        }
        let mut cands: Vec<(u32, f32)> = votes.into_iter().map(|(k, v)| (k, v.0)).collect();
        if cands.len() > self.cfg.candidates {
            cands.select_nth_unstable_by(self.cfg.candidates, |a, b| b.1.total_cmp(&a.1));
            cands.truncate(self.cfg.candidates);
        }
        // Stage 1: centroid similarity for every candidate (cheap lookups).
        let mut scored: Vec<(u32, f64)> = cands
            .into_iter()
            .filter_map(|(slot, _)| {
                let story = self.slots.get(slot as usize)?.story.as_ref()?;
                Some((slot, self.centroid_score(doc, story)))
            })
            .collect();
        // Stage 2: the best-member similarity for the most promising few only.
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        scored.truncate(self.cfg.full_candidates.max(1));
        // Stories sharing several rare anchors come too, however little else they share.
        for slot in self.rare_anchor_candidates(doc) {
            if !scored.iter().any(|e| e.0 == slot)
                && let Some(story) = self.slots.get(slot as usize).and_then(|x| x.story.as_ref())
            {
                scored.push((slot, self.centroid_score(doc, story)));
            }
        }
        // And stories whose vectors are close, however little text they share.
        for slot in self.vector_candidates(doc) {
            if !scored.iter().any(|e| e.0 == slot)
                && let Some(story) = self.slots.get(slot as usize).and_then(|x| x.story.as_ref())
            {
                scored.push((slot, self.centroid_score(doc, story)));
            }
        }
        for (slot, s) in &mut scored {
            if let Some(story) = self
                .slots
                .get(*slot as usize)
                .and_then(|x| x.story.as_ref())
            {
                *s = self.score(doc, story, *slot, *s);
            }
        }
        scored
    }

    /// The best of the scored candidates (`(slot, calibrated score)`, best first) within
    /// [`Config::pin_slack`] of the threshold and updated within [`Config::pin_window_secs`] of
    /// `doc`, one of whose recent members shares an incident pin and a rare anchor with `doc`
    /// (see [`Config::pin_slack`]).
    fn pinned_candidate(&self, doc: &Doc, scored: &[(u32, f64)]) -> Option<(u32, f64)> {
        if doc.pins.is_empty() || self.cfg.pin_slack <= 0.0 {
            return None;
        }
        // A roundup of the weekend's shootings names many victims' ages: sharing one of them
        // with a story says little.
        if doc.pins.iter().filter(|&&k| is_age_pin(k)).count() > self.cfg.pin_max_ages {
            return None;
        }
        let floor = self.cfg.threshold - self.cfg.pin_slack;
        let max_df = self.rare_df_limit();
        scored
            .iter()
            .take_while(|e| e.1 >= floor)
            .find(|&&(slot, _)| {
                let Some(story) = self.slots.get(slot as usize).and_then(|x| x.story.as_ref())
                else {
                    return false;
                };
                // Real publication times only: a guessed time says nothing about nearness.
                let near = match (doc.time, story.last_time) {
                    (Some(t), Some(last)) if !doc.time_guessed && !story.time_guessed => {
                        t.abs_diff(last) <= self.cfg.pin_window_secs
                    }
                    _ => false,
                };
                near && story.members.iter().any(|m| {
                    // A shared street block is itself a rare place; an age or a time of day
                    // needs a rare name, place, number or date beside it.
                    let mut shared = shared_keys(&m.pins, &doc.pins, |&k| k).peekable();
                    shared.peek().is_some()
                        && (shared.any(is_block_pin)
                            || shared_keys(&m.anchors, &doc.anchors, |&(k, _)| k)
                                .any(|k| self.vectorizer.df(k) <= max_df))
                })
            })
            .copied()
    }

    /// Active stories with which `doc` shares at least [`Config::rare_candidate_anchors`] rare
    /// anchors, each indexed for that story alone: the candidates a follow-up with new wording
    /// would otherwise miss.
    fn rare_anchor_candidates(&self, doc: &Doc) -> Vec<u32> {
        let need = self.cfg.rare_candidate_anchors;
        let mut out: Vec<(u32, usize)> = Vec::new();
        if need == 0 {
            return Vec::new();
        }
        let max_df = self.rare_df_limit();
        for &(k, _) in &doc.anchors {
            let Some((slot, _)) = self.rare_anchor_story(k, max_df) else {
                continue;
            };
            match out.iter_mut().find(|e| e.0 == slot) {
                Some(e) => e.1 += 1,
                None => out.push((slot, 1)),
            }
        }
        out.into_iter()
            .filter(|e| e.1 >= need)
            .map(|e| e.0)
            .collect()
    }

    /// Active stories posted under the document's vector keys: those sharing the most keys
    /// (at most [`Config::candidates`], the most recently updated first among equals), of which
    /// the [`Config::vector_candidates`] closest by centroid vector with a cosine above the
    /// floor of the vector evidence. Empty for a document without vector keys.
    fn vector_candidates(&self, doc: &Doc) -> Vec<u32> {
        if doc.lsh.is_empty() || self.cfg.vector_candidates == 0 {
            return Vec::new();
        }
        // Keys shared per slot, with the last key that counted (a story posted twice under one
        // key counts once).
        let mut shared: FxHashMap<u32, (u32, usize)> = FxHashMap::default();
        for (ki, k) in doc.lsh.iter().enumerate() {
            let Some(list) = self.index.get(k) else {
                continue;
            };
            for &(slot, generation) in list {
                if self.alive(slot, generation) {
                    let e = shared.entry(slot).or_insert((0, usize::MAX));
                    if e.1 != ki {
                        e.0 += 1;
                        e.1 = ki;
                    }
                }
            }
        }
        let stamp = |slot: u32| {
            self.slots
                .get(slot as usize)
                .and_then(|s| s.story.as_ref())
                .map_or(0, |s| s.stamp)
        };
        let mut found: Vec<(u32, u32, u64)> = shared
            .into_iter()
            .map(|(slot, (n, _))| (slot, n, stamp(slot)))
            .collect();
        let rank = |a: &(u32, u32, u64), b: &(u32, u32, u64)| b.1.cmp(&a.1).then(b.2.cmp(&a.2));
        let limit = self.cfg.candidates.max(1);
        if found.len() > limit {
            found.select_nth_unstable_by(limit, rank);
            found.truncate(limit);
        }
        let mut close: Vec<(u32, f32)> = found
            .into_iter()
            .filter_map(|(slot, _, _)| {
                let story = self.slots.get(slot as usize)?.story.as_ref()?;
                let c = story.vector_cosine(doc)?;
                (f64::from(c) > VECTOR_FLOOR).then_some((slot, c))
            })
            .collect();
        close.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        close.truncate(self.cfg.vector_candidates);
        close.into_iter().map(|e| e.0).collect()
    }

    /// The one active story (slot and generation) a rare anchor belongs to: `k` is carried by at
    /// most `max_df` documents of the stream and is indexed for that story alone. Postings of
    /// stories that left the active set or were merged away do not count: they no longer stand
    /// for another story. `None` when the anchor is common, not indexed, or shared by stories.
    fn rare_anchor_story(&self, k: u64, max_df: u32) -> Option<(u32, u32)> {
        if self.vectorizer.df(k) > max_df {
            return None;
        }
        let mut live = self
            .index
            .get(&k)?
            .iter()
            .filter(|&&(s, g)| self.alive(s, g));
        let &first = live.next()?;
        live.all(|&e| e == first).then_some(first)
    }

    /// Most documents of the stream that may carry an anchor for it to count as rare (see
    /// [`Config::strong_link_df_share`]).
    fn rare_df_limit(&self) -> u32 {
        let relative = (self.window_docs as f64 * self.cfg.strong_link_df_share).floor();
        let relative = if relative.is_finite() && relative > 0.0 {
            relative.min(f64::from(u32::MAX)) as u32
        } else {
            0
        };
        self.cfg.strong_link_max_df.max(relative)
    }

    /// Similarity of `doc` to the centroid of `story`.
    fn centroid_score(&self, doc: &Doc, story: &Story) -> f64 {
        let same = story.language.profile().same_language(&doc.language);
        let base = combine(
            story.words.cosine(&doc.words),
            story.anchors.cosine(&doc.anchors),
            story.cognates.cosine(&doc.cognates),
            same,
            nearness_guessed(
                doc.time,
                story.last_time,
                doc.time_guessed || story.time_guessed,
            ),
        );
        vector_mix(base, story.vector_cosine(doc), same)
            * year_agreement(&story.years, &doc.years)
            * kind_agreement(&story.kinds, &doc.kinds)
    }

    /// Score of `doc` against `story` (in `slot`) given its centroid similarity `cent`: mixed
    /// with the best member's similarity, minus a penalty growing with the log of the time since
    /// the story's last update (forgiven in part when the two share strong anchors, entirely
    /// on a [strong link](Config::strong_link_anchors)), plus a bonus for a
    /// document with a body published close to the story's last update, minus a little for a
    /// document with hardly any text.
    fn score(&self, doc: &Doc, story: &Story, slot: u32, cent: f64) -> f64 {
        let cfg = &self.cfg;
        let words = doc.words.len();
        let mut best = 0.0f64;
        let mut anchors = 0.0f64;
        let mut strong = false;
        for m in &story.members {
            let (sim, shared) = similarity_and_anchors(m, doc);
            best = best.max(sim);
            if words.min(m.words.len()) >= cfg.relief_min_words {
                anchors = anchors.max(f64::from(shared));
            }
            strong = strong || self.strong_link(&m.anchors, &doc.anchors, slot);
        }
        if strong {
            anchors = 1.0;
        }
        let cw = cfg.centroid_weight;
        let mut s = cw * cent + (1.0 - cw) * best;
        if subject_conflict(doc, story) {
            s *= cfg.subject_conflict.clamp(0.0, 1.0);
        }
        if words < cfg.min_body_words {
            s -= cfg.short_penalty;
        }
        if let (Some(t), Some(last)) = (doc.time, story.last_time) {
            let guessed = doc.time_guessed || story.time_guessed;
            let mut dt = t.abs_diff(last) as f64;
            if guessed {
                dt = (dt - GUESS_SLACK_DAYS * 86_400.0).max(0.0);
            } else if words >= cfg.min_body_words {
                s += cfg.near_bonus * (-dt / cfg.near_scale_secs.max(1.0)).exp();
            }
            let relief = (1.0 - cfg.anchor_relief * anchors).clamp(0.0, 1.0);
            s -= relief * cfg.time_penalty * (1.0 + dt / cfg.time_scale_secs.max(1.0)).ln();
        }
        s.clamp(0.0, 1.0)
    }

    /// Whether two anchor vectors (a story member's and a new document's) share at least
    /// [`Config::strong_link_anchors`] rare anchors: carried by at most
    /// [`rare_df_limit`](Self::rare_df_limit) documents of the stream and indexed for no active
    /// story other than the one in `slot` (the same test as
    /// [`rare_anchor_candidates`](Self::rare_anchor_candidates)).
    fn strong_link(&self, a: &[(u64, f32)], b: &[(u64, f32)], slot: u32) -> bool {
        let need = self.cfg.strong_link_anchors;
        if need == 0 {
            return false;
        }
        let Some(generation) = self.slots.get(slot as usize).map(|s| s.generation) else {
            return false;
        };
        let max_df = self.rare_df_limit();
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if self.rare_anchor_story(a[i].0, max_df) == Some((slot, generation)) {
                        n += 1;
                        if n >= need {
                            return true;
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        false
    }

    fn alive(&self, slot: u32, generation: u32) -> bool {
        self.slots
            .get(slot as usize)
            .is_some_and(|s| s.generation == generation && s.story.is_some())
    }

    fn open(&mut self, doc: Doc) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.open_with_id(doc, id)
    }

    fn open_with_id(&mut self, doc: Doc, id: u64) -> u64 {
        let story = Story {
            id,
            words: Centroid::default(),
            anchors: Centroid::default(),
            cognates: Centroid::default(),
            kinds: Vec::new(),
            years: Vec::new(),
            subjects: Subjects::default(),
            language: LanguageSum::default(),
            vector: Vec::new(),
            members: VecDeque::new(),
            size: 0,
            last_time: None,
            time_guessed: true,
            stamp: 0,
        };
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize].story = Some(story);
                s
            }
            None => {
                self.slots.push(Slot {
                    generation: 0,
                    story: Some(story),
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.active += 1;
        self.by_id.insert(id, slot);
        self.join(slot, doc)
    }

    /// Adds `doc` to the story in `slot`; returns the story id.
    fn join(&mut self, slot: u32, doc: Doc) -> u64 {
        let (generation, mut terms) = {
            let s = &self.slots[slot as usize];
            (s.generation, doc.top_terms(self.cfg.index_terms))
        };
        terms.extend(doc.lsh.iter().map(|&k| (k, 0.0)));
        let seq = self.seq;
        let max_terms = self.cfg.max_centroid_terms;
        let members_kept = self.cfg.members_kept;
        let Some(story) = self.slots[slot as usize].story.as_mut() else {
            return u64::MAX;
        };
        story.words.add(&doc.words, max_terms);
        story.anchors.add(&doc.anchors, max_terms);
        story.cognates.add(&doc.cognates, max_terms);
        add_sorted(&mut story.years, &doc.years, MAX_STORY_YEARS);
        add_sorted(&mut story.kinds, &doc.kinds, MAX_STORY_KINDS);
        story.subjects.add(&doc.headline_names, &doc.people);
        story.language.add(&doc.language);
        if let Some(v) = &doc.vector {
            story.add_vector(v);
        }
        story.size += 1;
        self.window_docs += 1;
        if let Some(t) = doc.time {
            story.last_time = Some(story.last_time.map_or(t, |l| l.max(t)));
        }
        story.time_guessed &= doc.time_guessed || doc.time.is_none();
        story.stamp = seq;
        // Keep the first member (often the original report) and the most recent ones.
        if story.members.len() >= members_kept.max(2) {
            story.members.remove(1);
        }
        story.members.push_back(doc);
        let id = story.id;
        for (k, _) in terms {
            self.post(k, slot, generation);
        }
        self.queue.push_back((slot, generation, seq));
        id
    }

    fn post(&mut self, k: u64, slot: u32, generation: u32) {
        let max = self.cfg.max_postings.max(2);
        let list = self.index.entry(k).or_default();
        if list.last() == Some(&(slot, generation)) {
            return;
        }
        list.push((slot, generation));
        if list.len() > max {
            let slots = &self.slots;
            list.retain(|&(s, g)| {
                slots
                    .get(s as usize)
                    .is_some_and(|x| x.generation == g && x.story.is_some())
            });
            list.dedup();
            if list.len() > max {
                list.drain(..list.len() - max / 2);
            }
        }
    }

    /// Merges the story in `from` into the story in `into`; returns the merged story's id.
    fn merge(&mut self, into: u32, from: u32) -> Option<u64> {
        if into == from {
            return None;
        }
        if self
            .slots
            .get(into as usize)
            .is_none_or(|s| s.story.is_none())
        {
            return None;
        }
        let from_story = {
            let s = self.slots.get_mut(from as usize)?;
            let st = s.story.take()?;
            s.generation = s.generation.wrapping_add(1);
            st
        };
        self.free.push(from);
        self.active = self.active.saturating_sub(1);
        let into_generation = self.slots.get(into as usize)?.generation;
        let max_terms = self.cfg.max_centroid_terms;
        let members_kept = self.cfg.members_kept.max(2);
        let index_terms = self.cfg.index_terms;
        let story = self
            .slots
            .get_mut(into as usize)
            .and_then(|s| s.story.as_mut())?;
        // The older id survives; the younger one points to it.
        let (keep, gone) = if from_story.id < story.id {
            (from_story.id, story.id)
        } else {
            (story.id, from_story.id)
        };
        story.id = keep;
        story.words.merge(&from_story.words, max_terms);
        story.anchors.merge(&from_story.anchors, max_terms);
        story.cognates.merge(&from_story.cognates, max_terms);
        add_sorted(&mut story.years, &from_story.years, MAX_STORY_YEARS);
        add_sorted(&mut story.kinds, &from_story.kinds, MAX_STORY_KINDS);
        let from = from_story.subjects;
        story.subjects.add(&from.headline, &from.people);
        story.language.merge(&from_story.language);
        if story.vector.is_empty() {
            story.vector = from_story.vector;
        } else if story.vector.len() == from_story.vector.len() {
            for (s, x) in story.vector.iter_mut().zip(&from_story.vector) {
                *s += x;
            }
        }
        story.size += from_story.size;
        story.last_time = match (story.last_time, from_story.last_time) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        story.time_guessed &= from_story.time_guessed;
        let mut terms = Vec::new();
        for m in from_story.members {
            terms.extend(m.top_terms(index_terms).into_iter().map(|e| e.0));
            terms.extend(m.lsh.iter().copied());
            if story.members.len() >= members_kept {
                story.members.remove(1);
            }
            story.members.push_back(m);
        }
        self.alias.insert(gone, keep);
        self.by_id.remove(&gone);
        self.by_id.insert(keep, into);
        for k in terms {
            self.post(k, into, into_generation);
        }
        Some(gone)
    }

    /// Retires stories that are too old or beyond the active limit.
    fn expire(&mut self) {
        while let Some(&(slot, generation, stamp)) = self.queue.front() {
            let current = self
                .slots
                .get(slot as usize)
                .filter(|s| s.generation == generation)
                .and_then(|s| s.story.as_ref())
                .filter(|st| st.stamp == stamp);
            let Some(story) = current else {
                self.queue.pop_front();
                continue;
            };
            let too_old = match (self.now, story.last_time) {
                (Some(now), Some(last)) => now - last > self.cfg.window_secs,
                _ => false,
            };
            if !(too_old || self.active > self.cfg.max_active) {
                break;
            }
            self.queue.pop_front();
            let id = story.id;
            self.window_docs = self.window_docs.saturating_sub(story.size);
            self.by_id.remove(&id);
            if let Some(s) = self.slots.get_mut(slot as usize) {
                s.story = None;
                s.generation = s.generation.wrapping_add(1);
            }
            self.free.push(slot);
            self.active = self.active.saturating_sub(1);
        }
        if self.queue.len() > 4 * (self.active + 1024) {
            let slots = &self.slots;
            self.queue.retain(|&(s, g, st)| {
                slots
                    .get(s as usize)
                    .filter(|x| x.generation == g)
                    .and_then(|x| x.story.as_ref())
                    .is_some_and(|x| x.stamp == st)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(title: &'a str, text: &'a str, time: Option<i64>) -> DocInput<'a> {
        DocInput {
            title: Some(title),
            text: Some(text),
            time,
        }
    }

    #[test]
    fn headlines_without_a_body_join_at_the_headline_threshold() {
        let title = "Kalmsund harbour warehouse destroyed by fire";
        let text =
            "A fire destroyed the Kalmsund harbour warehouse on Sunday night, firefighters said.";
        let headline = |time| DocInput {
            title: Some(title),
            text: None,
            time: Some(time),
        };
        let cfg = Config::default();
        assert!(cfg.headline_threshold > cfg.threshold);
        // Two identical headlines are one story.
        let mut c = OnlineClusterer::default();
        let a = c.add(&headline(1_000));
        let b = c.add(&headline(1_100));
        assert_eq!(a.story, b.story);
        assert!(!b.new_story);
        // The headline threshold decides for a headline alone…
        let unreachable = Config {
            headline_threshold: 1.01,
            ..Config::default()
        };
        let mut c = OnlineClusterer::new(unreachable.clone());
        c.add(&headline(1_000));
        assert!(c.add(&headline(1_100)).new_story);
        // …and not for a document with a text.
        let mut c = OnlineClusterer::new(unreachable);
        let a = c.add(&input(title, text, Some(1_000)));
        let b = c.add(&input(title, text, Some(1_100)));
        assert_eq!(a.story, b.story);
    }

    #[test]
    fn restored_stories_keep_their_ids_and_take_new_members() {
        let fire =
            "A fire destroyed the Kalmsund harbour warehouse on Sunday night, firefighters said.";
        let flood = "Floods in the Oder valley forced thousands of residents to leave their homes.";
        let mut c = OnlineClusterer::default();
        c.restore(
            &input("Harbour warehouse fire in Kalmsund", fire, Some(1_000)),
            41,
        );
        c.restore(&input("Oder valley floods", flood, Some(1_100)), 7);
        assert_eq!(c.active_stories(), 2);
        let a = c.add(&input(
            "Kalmsund harbour warehouse fire: firefighters",
            "Firefighters fought a fire at the Kalmsund harbour warehouse on Sunday night.",
            Some(2_000),
        ));
        assert_eq!(a.story, 41);
        assert!(!a.new_story);
        let b = c.add(&input(
            "Parliament passes budget",
            "The parliament passed next year's budget after a long debate on taxes.",
            Some(2_100),
        ));
        assert!(b.new_story);
        assert!(
            b.story > 41,
            "new ids come after restored ones: {}",
            b.story
        );
    }

    /// The first report of a player's arrest.
    const FIRST_ARREST: (&str, &str) = (
        "Rovers' Okafor arrested on suspicion of drink-driving",
        "Harwick Rovers striker Daniel Okafor was arrested on suspicion of drink-driving early on \
         Tuesday, police said. Okafor failed a breath test after officers stopped his car on the \
         ring road. The Rovers said they would not comment on the arrest of Okafor before the \
         hearing.",
    );

    /// Another player of the club arrested the same way weeks later: the report recalls the
    /// first arrest in passing.
    const LOOK_ALIKE: (&str, &str) = (
        "Rovers' Lindqvist held after failing roadside test",
        "Rovers defender Erik Lindqvist spent Sunday night in a cell after officers stopped him near \
         the stadium and he failed a roadside breath test, a spokesman for the county police \
         said. Lindqvist, who joined from Malmo in the summer, is due in court next month. \
         The Rovers had already seen striker Daniel Okafor arrested on suspicion of \
         drink-driving in January. Lindqvist's agent declined to comment.",
    );

    #[test]
    fn a_look_alike_about_another_person_opens_its_own_story() {
        let mut c = OnlineClusterer::default();
        let first = c.add(&input(FIRST_ARREST.0, FIRST_ARREST.1, None));
        let again = c.add(&input(
            "Okafor arrested: Rovers striker failed breath test",
            "Rovers striker Daniel Okafor was arrested on suspicion of drink-driving on \
             Tuesday after failing a breath test on the ring road, police said. The Rovers \
             declined to comment on the arrest of Okafor.",
            None,
        ));
        assert_eq!(again.story, first.story);
        // Another player of the same club, arrested the same way: the report recalls Okafor
        // in passing, but its headline is about someone the story never named.
        let other = c.add(&input(LOOK_ALIKE.0, LOOK_ALIKE.1, None));
        assert!(other.new_story, "{other:?}");
        // A follow-up about someone the story had already named joins it.
        let charged = c.add(&input(
            "Okafor charged with drink-driving",
            "Rovers striker Daniel Okafor was charged with drink-driving on Friday after his \
             arrest on the ring road, police said. Okafor failed a breath test. The Rovers \
             declined to comment.",
            None,
        ));
        assert_eq!(charged.story, first.story, "{charged:?}");
        // With the check off, the look-alike joins the first story.
        let mut plain = OnlineClusterer::new(Config {
            subject_conflict: 1.0,
            ..Config::default()
        });
        let a = plain.add(&input(FIRST_ARREST.0, FIRST_ARREST.1, None));
        let b = plain.add(&input(LOOK_ALIKE.0, LOOK_ALIKE.1, None));
        assert_eq!(a.story, b.story, "the test texts must be look-alikes");
    }

    /// Unrelated reports, so that document frequencies are not those of three texts.
    const BACKGROUND: [(&str, &str); 4] = [
        (
            "Parliament passes budget",
            "The parliament passed next year's budget after a long debate on taxes and \
             spending, the speaker said.",
        ),
        (
            "Floods force thousands from homes",
            "Floods in the river valley forced thousands of residents to leave their homes \
             on Friday, officials said.",
        ),
        (
            "Striker signs new contract",
            "The club said its striker signed a new three-year contract on Friday after weeks \
             of talks with his agent.",
        ),
        (
            "Singer announces autumn tour",
            "The pop singer announced an autumn tour of twelve cities, her spokesman said, \
             with tickets on sale next week.",
        ),
    ];

    #[test]
    fn a_report_tying_two_stories_about_one_person_merges_them() {
        let texts = [
            (
                "Quill checks into rehab",
                "Singer Mara Quill has checked into the Cedar Lodge clinic for treatment, her \
                 publicist said on Friday. Quill thanked her fans for their support.",
            ),
            (
                "Quill seeks treatment",
                "Mara Quill has entered a clinic for treatment at last, a friend of the singer \
                 told a magazine on Friday. Quill, whose tour was cancelled in the spring, asked \
                 for privacy.",
            ),
            (
                "Quill in rehab at Cedar Lodge",
                "Singer Mara Quill is being treated at the Cedar Lodge clinic, her spokesman \
                 said on Friday. Quill thanked fans and asked for privacy.",
            ),
        ];
        let run = |cfg: Config| {
            let mut c = OnlineClusterer::new(cfg);
            for (i, (title, text)) in BACKGROUND.iter().enumerate() {
                c.restore(&input(title, text, None), 10 + i as u64);
            }
            c.restore(&input(texts[0].0, texts[0].1, None), 1);
            c.restore(&input(texts[1].0, texts[1].1, None), 2);
            c.add(&input(texts[2].0, texts[2].1, None))
        };
        // The third report joins the first story and scores above the threshold (below the
        // merge threshold) against the second: all three headlines are about Quill.
        let merged = run(Config::default());
        assert_eq!(
            (merged.story, merged.merged.clone()),
            (1, vec![2]),
            "{merged:?}"
        );
        let plain = run(Config {
            subject_merge: false,
            ..Config::default()
        });
        assert_eq!(
            (plain.story, plain.merged.clone()),
            (1, vec![]),
            "{plain:?}"
        );
    }

    #[test]
    fn a_follow_up_naming_a_person_the_story_named_joins() {
        let mut c = OnlineClusterer::default();
        let first = c.add(&input(
            "Man shot dead outside Harwick bar",
            "A 34-year-old man was shot dead outside a bar on Mill Street in Harwick late on \
             Friday, police said. Witnesses said a man named Tom Bexley had argued with the \
             victim inside the bar. Police are looking for Bexley.",
            Some(1_000_000),
        ));
        let named = c.add(&input(
            "Bexley arrested in Harwick bar shooting",
            "Police arrested Tom Bexley on Saturday in the shooting of a 34-year-old man \
             outside a bar on Mill Street in Harwick. Bexley had argued with the victim inside \
             the bar, witnesses said.",
            Some(1_050_000),
        ));
        assert_eq!(named.story, first.story, "{named:?}");
    }

    #[test]
    fn joins_same_event_and_separates_others() {
        let mut c = OnlineClusterer::default();
        let a = c.add(&input(
            "Flood hits Valencia",
            "Heavy rain flooded Valencia on Tuesday, 51 people died.",
            Some(0),
        ));
        let b = c.add(&input(
            "Valencia floods: 51 dead",
            "The flood in Valencia killed 51 people after heavy rain.",
            Some(3600),
        ));
        let d = c.add(&input(
            "Chess champion retires",
            "The Norwegian chess champion announced his retirement.",
            Some(7200),
        ));
        assert!(a.new_story);
        assert_eq!(b.story, a.story, "{b:?}");
        assert!(!b.new_story);
        assert_ne!(d.story, a.story);
        assert!(d.new_story);
    }

    /// A first report and a follow-up that share little wording, one name (Dorvanek) and, in
    /// the follow-up, the victim's age given as `age`.
    fn pinned_pair(cfg: Config, age: u32) -> (Assignment, Assignment) {
        let mut c = OnlineClusterer::new(cfg);
        let first = c.add(&input(
            "Teenager wounded in Dorvanek shooting",
            "A 17-year-old boy was shot in the leg outside a grocery store in Dorvanek on \
             Friday evening, police said. He was taken to hospital in stable condition. \
             Officers searched the area for two suspects who fled in a grey car.",
            Some(0),
        ));
        let text = format!(
            "Prosecutors charged a man with attempted murder on Wednesday. The victim, a \
             {age}-year-old student, is recovering at home in Dorvanek, his mother told \
             reporters. The accused remains in custody until a hearing next month."
        );
        let second = c.add(&input(
            "Man charged after student hurt",
            &text,
            Some(5 * 86_400),
        ));
        (first, second)
    }

    #[test]
    fn a_shared_pin_and_a_rare_name_join_on_a_second_look() {
        let loose = Config {
            pin_slack: 1.0,
            ..Config::default()
        };
        let (a, b) = pinned_pair(Config::default(), 17);
        assert!(b.new_story, "too little in common for a plain join: {b:?}");
        assert_ne!(a.story, b.story);
        let (a, b) = pinned_pair(loose.clone(), 17);
        assert_eq!(b.story, a.story, "same age and name: {b:?}");
        assert!(!b.new_story);
        let (a, b) = pinned_pair(loose.clone(), 34);
        assert_ne!(b.story, a.story, "another age is no pin");
        let late = Config {
            pin_window_secs: 86_400,
            ..loose
        };
        let (a, b) = pinned_pair(late, 17);
        assert_ne!(b.story, a.story, "beyond the pin window");
    }

    #[test]
    fn a_shared_time_of_day_and_a_rare_name_join_on_a_second_look() {
        let loose = Config {
            pin_slack: 1.0,
            ..Config::default()
        };
        let run = |cfg: Config, time: &str| {
            let mut c = OnlineClusterer::new(cfg);
            let a = c.add(&input(
                "Man wounded in shooting",
                "A man was shot in the leg outside a grocery store in Dorvanek at about 2:30 \
                 a.m. on Friday, police said. He was taken to hospital in stable condition.",
                Some(0),
            ));
            let b = c.add(&input(
                "Charges filed after gunfire",
                &format!(
                    "Prosecutors charged a neighbour on Wednesday over the gunfire at {time} \
                     in Dorvanek. The accused remains in custody until a hearing next month."
                ),
                Some(5 * 86_400),
            ));
            (a, b)
        };
        let (a, b) = run(loose.clone(), "2:30am");
        assert_eq!(b.story, a.story, "same time of day and name: {b:?}");
        let (a, b) = run(loose, "2:30 p.m.");
        assert_ne!(b.story, a.story, "another time of day is no pin");
    }

    #[test]
    fn a_roundup_of_many_ages_gets_no_second_look() {
        let run = |max_ages: usize| {
            let cfg = Config {
                pin_slack: 1.0,
                pin_max_ages: max_ages,
                ..Config::default()
            };
            let mut c = OnlineClusterer::new(cfg);
            let a = c.add(&input(
                "Teenager wounded in Dorvanek shooting",
                "A 17-year-old boy was shot in the leg outside a grocery store in Dorvanek on \
                 Friday evening, police said. He was taken to hospital in stable condition.",
                Some(0),
            ));
            let b = c.add(&input(
                "Weekend gunfire across the region",
                "Gunfire over the weekend wounded a 17-year-old in Dorvanek, a 23-year-old \
                 on the east side, a 31-year-old near the river, a 45-year-old outside a bar, \
                 a 52-year-old at a bus stop and a 19-year-old in a parking lot.",
                Some(2 * 86_400),
            ));
            (a, b)
        };
        let (a, b) = run(10);
        assert_eq!(b.story, a.story, "six ages are allowed here: {b:?}");
        let (a, b) = run(5);
        assert_ne!(b.story, a.story, "a roundup of six ages: {b:?}");
    }

    #[test]
    fn a_shared_street_block_needs_no_rare_name() {
        // No anchor counts as rare here: only a street block can carry the second look.
        let cfg = Config {
            pin_slack: 1.0,
            strong_link_max_df: 0,
            strong_link_df_share: 0.0,
            ..Config::default()
        };
        let run_with = |cfg: Config, second: &str| {
            let mut c = OnlineClusterer::new(cfg);
            let a = c.add(&input(
                "Man wounded in shooting",
                "A 30-year-old man was shot in the 4100 block of North Harlem Avenue late on \
                 Saturday, police said. He walked to a hospital and is expected to recover.",
                Some(0),
            ));
            let b = c.add(&input(
                "Arrest after weekend shooting",
                second,
                Some(2 * 86_400),
            ));
            (a, b)
        };
        let run = |second: &str| run_with(cfg.clone(), second);
        let block = "Prosecutors filed charges against a teenager on Monday over gunfire in \
                     the 4100 block of North Harlem. A judge set bail at ten thousand dollars.";
        let (a, b) = run(block);
        assert_eq!(b.story, a.story, "{b:?}");
        let off = Config {
            pin_slack: 0.0,
            ..cfg.clone()
        };
        let (a, b) = run_with(off, block);
        assert_ne!(b.story, a.story, "no plain join: {b:?}");
        let (a, b) = run(
            "Detectives arrested a suspect on Monday in the shooting of a 30-year-old on \
             Harlem Avenue. Charges are expected later this week.",
        );
        assert_ne!(
            b.story, a.story,
            "an age without a rare name is not enough: {b:?}"
        );
    }

    #[test]
    fn empty_documents_get_their_own_story() {
        let mut c = OnlineClusterer::default();
        let a = c.add(&DocInput::default());
        let b = c.add(&DocInput::default());
        assert_ne!(a.story, b.story);
        assert_eq!(c.active_stories(), 0);
    }

    #[test]
    fn stories_age_out_of_the_window() {
        let mut c = OnlineClusterer::default();
        let day = 86_400;
        let a = c.add(&input(
            "Flood hits Valencia",
            "Heavy rain flooded Valencia, 51 people died.",
            Some(0),
        ));
        assert_eq!(c.active_stories(), 1);
        let b = c.add(&input(
            "Flood hits Valencia",
            "Heavy rain flooded Valencia, 51 people died.",
            Some(3 * 365 * day),
        ));
        assert_ne!(
            a.story, b.story,
            "three years later the old story is no longer active"
        );
        assert_eq!(c.active_stories(), 1);
    }

    /// Score of `doc` against the only active story of `c`.
    fn score_against_only_story(c: &mut OnlineClusterer, doc: &DocInput<'_>) -> f64 {
        let d = c.vectorizer.doc(doc);
        let query = d.top_terms(c.cfg.query_terms);
        let scored = c.score_candidates(&d, &query);
        assert_eq!(scored.len(), 1, "{scored:?}");
        scored[0].1
    }

    const DAY: i64 = 86_400;
    const FIRST: (&str, &str) = (
        "Man killed in Maple Street shooting",
        "Police said Darnell Quimby, 26, was shot dead on Maple Street in Oakridge on March 3. \
         Officers later arrested Tavon Prell near the Oakridge bus depot.",
    );
    const FOLLOW_UP: (&str, &str) = (
        "Suspect charged with murder",
        "Tavon Prell was charged with murder in the March 3 shooting of Darnell Quimby, 26, \
         on Maple Street in Oakridge, prosecutors said on Friday.",
    );
    const OTHER: (&str, &str) = (
        "Man charged with murder in shooting",
        "A man was charged with murder in the shooting of a neighbour after an argument, \
         prosecutors said on Friday.",
    );

    fn relief_config(anchor_relief: f64) -> Config {
        Config {
            anchor_relief,
            relief_min_words: 0,
            near_bonus: 0.0,
            short_penalty: 0.0,
            ..Config::default()
        }
    }

    #[test]
    fn shared_anchors_forgive_the_time_gap() {
        let mut scores = Vec::new();
        for relief in [0.0, 1.0] {
            let mut c = OnlineClusterer::new(relief_config(relief));
            c.add(&input(FIRST.0, FIRST.1, Some(0)));
            let later = input(FOLLOW_UP.0, FOLLOW_UP.1, Some(60 * DAY));
            scores.push(score_against_only_story(&mut c, &later));
        }
        assert!(
            scores[1] > scores[0] + 0.03,
            "shared names, street and date weigh against the gap: {scores:?}"
        );
        let mut c = OnlineClusterer::new(relief_config(1.0));
        c.add(&input(FIRST.0, FIRST.1, Some(0)));
        let joined = c.add(&input(FOLLOW_UP.0, FOLLOW_UP.1, Some(60 * DAY)));
        assert!(!joined.new_story, "{joined:?} {scores:?}");
    }

    #[test]
    fn anchors_of_headlines_alone_do_not_forgive_the_gap() {
        let cfg = Config {
            relief_min_words: 80,
            strong_link_anchors: 0,
            ..relief_config(1.0)
        };
        let mut scores = Vec::new();
        for c in [
            OnlineClusterer::new(cfg),
            OnlineClusterer::new(relief_config(0.0)),
        ] {
            let mut c = c;
            c.add(&input(FIRST.0, FIRST.1, Some(0)));
            let later = input(FOLLOW_UP.0, FOLLOW_UP.1, Some(60 * DAY));
            scores.push(score_against_only_story(&mut c, &later));
        }
        assert!((scores[0] - scores[1]).abs() < 1e-9, "{scores:?}");
    }

    #[test]
    fn rare_names_in_common_forgive_the_gap_entirely() {
        // Only the strong link can relieve here: the texts are too short for the anchor
        // cosine to count.
        let cfg = |n| Config {
            strong_link_anchors: n,
            relief_min_words: 1_000,
            ..relief_config(1.0)
        };
        let mut scores = Vec::new();
        for n in [0, 3] {
            let mut c = OnlineClusterer::new(cfg(n));
            c.add(&input(FIRST.0, FIRST.1, Some(0)));
            let later = input(FOLLOW_UP.0, FOLLOW_UP.1, Some(300 * DAY));
            scores.push(score_against_only_story(&mut c, &later));
        }
        let penalty = 0.04 * 301f64.ln();
        assert!(
            scores[1] - scores[0] > 0.9 * penalty,
            "the time penalty is forgiven: {scores:?}"
        );
        // Names many documents of the stream mention are no longer rare.
        let mut c = OnlineClusterer::new(cfg(3));
        c.add(&input(FIRST.0, FIRST.1, Some(0)));
        for i in 0..4 {
            let title = format!("Court report {i}");
            c.add(&input(&title, FOLLOW_UP.1, Some(DAY)));
        }
        let later = input(FOLLOW_UP.0, FOLLOW_UP.1, Some(300 * DAY));
        let d = c.vectorizer.doc(&later);
        let first = c
            .slots
            .iter()
            .position(|s| s.story.as_ref().is_some_and(|st| st.id == 0));
        let slot = first.map(|i| i as u32);
        let story = slot.and_then(|s| c.slots[s as usize].story.as_ref());
        let (Some(slot), Some(story)) = (slot, story) else {
            panic!("the first story is still active");
        };
        assert!(!c.strong_link(&story.members[0].anchors, &d.anchors, slot));
    }

    #[test]
    fn names_of_a_merged_away_story_still_make_strong_links() {
        // Two stories with nothing in common, then one article that merges them: the postings
        // of the story merged away no longer stand for another story.
        let mut c = OnlineClusterer::default();
        let a = c.add(&input(
            "Zorvik Quellan Tamberly",
            "Zorvik Quellan Tamberly.",
            Some(0),
        ));
        let b = c.add(&input(
            "Draxil Orumbe Finnavar",
            "Draxil Orumbe Finnavar.",
            Some(60),
        ));
        let m = c.add(&input(
            "Zorvik Quellan Tamberly Draxil Orumbe Finnavar",
            "Zorvik Quellan Tamberly. Draxil Orumbe Finnavar.",
            Some(120),
        ));
        assert_eq!(m.merged.len(), 1, "{m:?}");
        let survivor = c.resolve(a.story);
        assert_eq!(survivor, c.resolve(b.story));
        let Some(&slot) = c.by_id.get(&survivor) else {
            panic!("the merged story is active");
        };
        // Whichever of the two slots was vacated, the names of both stories now lead to the
        // merged one.
        for names in ["Zorvik Quellan Tamberly", "Draxil Orumbe Finnavar"] {
            let text = format!("{names}.");
            let probe = c.vectorizer.doc(&input(names, &text, Some(180)));
            let Some(story) = c.slots[slot as usize].story.as_ref() else {
                panic!("the merged story has a slot");
            };
            assert!(
                story
                    .members
                    .iter()
                    .any(|mb| c.strong_link(&mb.anchors, &probe.anchors, slot)),
                "{names}: rare, and now indexed for the merged story alone"
            );
            assert_eq!(c.rare_anchor_candidates(&probe), vec![slot], "{names}");
        }
    }

    #[test]
    fn stories_sharing_rare_anchors_become_candidates() {
        let mut c = OnlineClusterer::default();
        c.add(&input(FIRST.0, FIRST.1, Some(0)));
        // In a stream of three documents every anchor is rare: make the generic ones common.
        for i in 0..4 {
            c.add(&input(OTHER.0, OTHER.1, Some((100 + i) * DAY)));
        }
        for (title, text) in [FOLLOW_UP, OTHER] {
            let d = c.vectorizer.doc(&input(title, text, Some(200 * DAY)));
            let found = c.rare_anchor_candidates(&d);
            if title == FOLLOW_UP.0 {
                assert_eq!(found.len(), 1, "the names and the street pull the story in");
            } else {
                assert!(found.is_empty(), "no rare anchor in common: {found:?}");
            }
        }
        let off = OnlineClusterer::new(Config {
            rare_candidate_anchors: 0,
            ..Config::default()
        });
        assert!(off.rare_anchor_candidates(&Doc::default()).is_empty());
    }

    #[test]
    fn the_rarity_limit_grows_with_the_active_stories() {
        let mut c = OnlineClusterer::new(Config {
            strong_link_df_share: 0.25,
            ..Config::default()
        });
        assert_eq!(c.rare_df_limit(), 3, "a small stream keeps the fixed limit");
        for i in 0..20 {
            let title = format!("Unrelated item number {i} zq{i}x");
            c.add(&DocInput {
                title: Some(&title),
                text: None,
                time: Some(i64::from(i)),
            });
        }
        assert_eq!(c.window_docs, 20);
        assert_eq!(c.rare_df_limit(), 5);
        // Stories that leave the window take their documents with them.
        c.add(&DocInput {
            title: Some("Another unrelated item"),
            text: None,
            time: Some(1_000 * DAY),
        });
        assert_eq!(c.window_docs, 1);
        assert_eq!(c.rare_df_limit(), 3);
    }

    #[test]
    fn another_incident_of_the_same_kind_stays_apart_weeks_later() {
        let mut c = OnlineClusterer::default();
        let a = c.add(&input(FIRST.0, FIRST.1, Some(0)));
        let b = c.add(&input(OTHER.0, OTHER.1, Some(40 * DAY)));
        assert_ne!(a.story, b.story, "{b:?}");
    }

    #[test]
    fn texts_published_close_together_get_a_bonus() {
        let cfg = Config {
            short_penalty: 0.0,
            min_body_words: 5,
            ..Config::default()
        };
        let mut scores = Vec::new();
        for gap in [0, 30 * DAY] {
            for bonus in [0.0, 0.08] {
                let mut c = OnlineClusterer::new(Config {
                    near_bonus: bonus,
                    ..cfg.clone()
                });
                c.add(&input(FIRST.0, FIRST.1, Some(0)));
                let later = input(FOLLOW_UP.0, FOLLOW_UP.1, Some(gap));
                scores.push(score_against_only_story(&mut c, &later));
            }
        }
        assert!((scores[1] - scores[0] - 0.08).abs() < 1e-6, "{scores:?}");
        assert!(scores[3] - scores[2] < 0.001, "a month apart: {scores:?}");
        // Undated documents take the stream's present: no bonus for a guessed time.
        let mut c = OnlineClusterer::new(Config {
            near_bonus: 0.5,
            ..cfg.clone()
        });
        c.add(&input(FIRST.0, FIRST.1, Some(0)));
        let undated = score_against_only_story(&mut c, &input(FOLLOW_UP.0, FOLLOW_UP.1, None));
        let mut c = OnlineClusterer::new(Config {
            near_bonus: 0.0,
            ..cfg
        });
        c.add(&input(FIRST.0, FIRST.1, Some(0)));
        let plain = score_against_only_story(&mut c, &input(FOLLOW_UP.0, FOLLOW_UP.1, None));
        assert!((undated - plain).abs() < 1e-9, "{undated} {plain}");
    }

    #[test]
    fn headlines_alone_need_a_little_more() {
        let mut scores = Vec::new();
        for penalty in [0.0, 0.02] {
            let mut c = OnlineClusterer::new(Config {
                short_penalty: penalty,
                ..Config::default()
            });
            c.add(&DocInput {
                title: Some("Flood hits Valencia, 51 dead"),
                text: None,
                time: Some(0),
            });
            scores.push(score_against_only_story(
                &mut c,
                &DocInput {
                    title: Some("Valencia flood: 51 dead after heavy rain"),
                    text: None,
                    time: Some(3_600),
                },
            ));
        }
        assert!((scores[0] - scores[1] - 0.02).abs() < 1e-6, "{scores:?}");
    }

    #[test]
    fn active_set_is_bounded() {
        let cfg = Config {
            max_active: 10,
            ..Config::default()
        };
        let mut c = OnlineClusterer::new(cfg);
        for i in 0..100 {
            let title = format!("Unrelated item number {i} zq{i}x");
            c.add(&DocInput {
                title: Some(&title),
                text: None,
                time: None,
            });
        }
        assert!(c.active_stories() <= 11);
        assert!(c.index.values().all(|l| l.len() <= c.cfg.max_postings));
    }

    #[test]
    fn a_bridging_article_merges_two_stories() {
        let mut c = OnlineClusterer::default();
        // Two stories with nothing in common, then one article that covers both at length.
        let a = c.add(&input(
            "Zorvik Quellan Tamberly",
            "Zorvik Quellan Tamberly.",
            Some(0),
        ));
        let b = c.add(&input(
            "Draxil Orumbe Finnavar",
            "Draxil Orumbe Finnavar.",
            Some(60),
        ));
        assert_ne!(a.story, b.story);
        let m = c.add(&input(
            "Zorvik Quellan Tamberly Draxil Orumbe Finnavar",
            "Zorvik Quellan Tamberly. Draxil Orumbe Finnavar.",
            Some(120),
        ));
        assert!(!m.new_story, "{m:?}");
        assert_eq!(m.merged.len(), 1, "{m:?}");
        assert_eq!(c.resolve(a.story), c.resolve(b.story));
        assert_eq!(c.resolve(a.story), m.story);
        assert_eq!(m.story, a.story.min(b.story), "the older id survives");
        assert_eq!(c.active_stories(), 1);
    }

    #[test]
    fn candidates_come_from_the_index_only() {
        let mut c = OnlineClusterer::default();
        for i in 0..50 {
            let title = format!("Qx{i}vel Brann{i}ok Tullo{i}ry");
            c.add(&DocInput {
                title: Some(&title),
                text: None,
                time: None,
            });
        }
        let probe = c.vectorizer.doc(&DocInput {
            title: Some("Wholly Unseen Words"),
            text: None,
            time: None,
        });
        let query = probe.top_terms(c.cfg.query_terms);
        assert!(
            c.score_candidates(&probe, &query).is_empty(),
            "no shared term, no candidate"
        );
    }

    /// An English and a Swedish report of one earthquake that share no name, number or cognate,
    /// and an unrelated English report.
    const QUAKE_EN: (&str, &str) = (
        "Earthquake: rescuers search the rubble",
        "The rescuers searched the rubble for survivors through the night and they found \
         several of them alive under the collapsed houses.",
    );
    const QUAKE_SV: (&str, &str) = (
        "Jordskalv: räddningsarbetare letar i rasmassorna",
        "Räddningsarbetarna letade i rasmassorna efter överlevande under natten och de \
         hittade flera av dem vid liv under de raserade husen.",
    );
    const BUDGET_EN: (&str, &str) = (
        "Parliament passes the budget",
        "The parliament passed next year's budget after a long debate on taxes and spending.",
    );

    /// Unit-free vectors as an aligned multilingual embedder would give them: the two quake
    /// reports close together, the budget far away.
    fn vectors() -> [Vec<f32>; 3] {
        let spread = |head: &[f32]| -> Vec<f32> {
            let mut v = head.to_vec();
            v.extend((0..12).map(|i| ((i * 7 % 5) as f32 - 2.0) * 0.01));
            v
        };
        [
            spread(&[0.9, 0.3, 0.1, 0.0]),
            spread(&[0.85, 0.4, 0.05, 0.1]),
            spread(&[0.0, 0.1, 0.2, 0.95]),
        ]
    }

    #[test]
    fn reports_sharing_no_name_join_only_through_their_vectors() {
        let [en, sv, budget] = vectors();
        let hour = 3_600;
        // Without vectors: nothing in common, so the Swedish report is not even a candidate.
        let mut plain = OnlineClusterer::default();
        let a = plain.add(&input(QUAKE_EN.0, QUAKE_EN.1, Some(0)));
        let probe = plain
            .vectorizer
            .doc(&input(QUAKE_SV.0, QUAKE_SV.1, Some(hour)));
        let query = probe.top_terms(plain.cfg.query_terms);
        assert!(plain.score_candidates(&probe, &query).is_empty());
        let b = plain.add(&input(QUAKE_SV.0, QUAKE_SV.1, Some(hour)));
        assert_ne!(a.story, b.story);

        // With vectors the story is found through the vector keys and joined.
        let mut c = OnlineClusterer::default();
        let a = c.add_with_vector(&input(QUAKE_EN.0, QUAKE_EN.1, Some(0)), Some(&en));
        let b = c.add_with_vector(&input(QUAKE_SV.0, QUAKE_SV.1, Some(hour)), Some(&sv));
        assert!(!b.new_story, "{b:?}");
        assert_eq!(b.story, a.story);
        let d = c.add_with_vector(
            &input(BUDGET_EN.0, BUDGET_EN.1, Some(2 * hour)),
            Some(&budget),
        );
        assert!(d.new_story && d.story != a.story, "{d:?}");
        assert_eq!(c.active_stories(), 2);
    }

    #[test]
    fn without_vectors_nothing_changes() {
        let docs = [
            input(FIRST.0, FIRST.1, Some(0)),
            input(OTHER.0, OTHER.1, Some(DAY)),
            input(FOLLOW_UP.0, FOLLOW_UP.1, Some(2 * DAY)),
            input(QUAKE_EN.0, QUAKE_EN.1, None),
        ];
        let mut a = OnlineClusterer::default();
        let mut b = OnlineClusterer::default();
        for d in &docs {
            assert_eq!(a.add(d), b.add_with_vector(d, None));
        }
        assert!(
            b.planes.is_none()
                && b.slots
                    .iter()
                    .all(|s| s.story.as_ref().is_none_or(|st| st.vector.is_empty()))
        );
    }

    #[test]
    fn restored_vectors_find_their_story() {
        let [en, sv, _] = vectors();
        let mut c = OnlineClusterer::default();
        c.restore_with_vector(&input(QUAKE_EN.0, QUAKE_EN.1, Some(0)), Some(&en), 41);
        c.reserve_ids(100);
        let b = c.add_with_vector(&input(QUAKE_SV.0, QUAKE_SV.1, Some(600)), Some(&sv));
        assert_eq!(b.story, 41, "{b:?}");
        let d = c.add(&input(BUDGET_EN.0, BUDGET_EN.1, Some(900)));
        assert_eq!(d.story, 100);
    }

    #[test]
    fn vector_keys_are_fixed_and_local() {
        let planes = Planes::new(16, 6, 12);
        let [en, sv, budget] = vectors();
        let key = |v: &[f32]| {
            DenseVector::new(v)
                .map(|d| planes.keys(&d))
                .unwrap_or_default()
        };
        let (a, b, far) = (key(&en), key(&sv), key(&budget));
        assert_eq!(a.len(), 6);
        assert_eq!(
            a,
            Planes::new(16, 6, 12).keys(&DenseVector::new(&en).expect("v"))
        );
        assert!(
            a.iter().any(|k| b.contains(k)),
            "close vectors share a band"
        );
        assert!(!a.iter().any(|k| far.contains(k)), "distant ones do not");
        let opposite: Vec<f32> = en.iter().map(|x| -x).collect();
        assert!(!a.iter().any(|k| key(&opposite).contains(k)));
        assert!(key(&[1.0, 0.0]).is_empty(), "another length gets no keys");
        // Close pairs share a band most of the time (cosine about 0.95 here).
        let mut hits = 0;
        for i in 0..200u32 {
            let x: Vec<f32> = (0..16)
                .map(|j| (((i * 31 + j * 17) % 23) as f32) - 11.0)
                .collect();
            let y: Vec<f32> = x
                .iter()
                .enumerate()
                .map(|(j, v)| v + if j % 3 == 0 { 1.5 } else { -1.0 })
                .collect();
            if key(&x).iter().any(|k| key(&y).contains(k)) {
                hits += 1;
            }
        }
        assert!(hits > 120, "{hits}");
    }

    #[test]
    fn ids_are_stable_and_resolve() {
        let mut c = OnlineClusterer::default();
        let a = c.add(&input(
            "Flood hits Valencia",
            "Heavy rain flooded Valencia, 51 people died.",
            Some(0),
        ));
        assert_eq!(c.resolve(a.story), a.story);
        assert_eq!(c.resolve(12345), 12345);
    }
}
