//! MinHash signatures of word 5-gram shingles, and the LSH banding used to find candidate copies.
//!
//! # How a signature is made
//!
//! The text is cut into lowercased word tokens (see [`content_hash`](crate::content_hash) for the
//! exact rule); every token is hashed once with XXH3, and every run of [`SHINGLE_WORDS`]
//! consecutive tokens (a *shingle*) gets a 32-bit hash `x` that combines its tokens' hashes in
//! order. Each of the [`NUM_HASHES`] signature slots holds the minimum, over all shingles, of
//! `a·x + b mod 2³²`, with a fixed pseudo-random odd `a` and a fixed `b` per slot: a cheap
//! permutation of the (already random) shingle hashes, which the CPU computes for eight or more
//! slots at once. The chance that two texts agree in a slot is then the Jaccard similarity `J` of
//! their shingle sets, and the fraction of agreeing slots estimates it without bias and with a
//! standard error of `sqrt(J·(1−J)/128)`, at most 0.044 (the tests check both).
//!
//! # Why 128 hashes in 32 bands of 4 rows
//!
//! LSH splits a signature into [`BANDS`] bands of [`ROWS`] slots; two texts become candidates
//! when all slots of at least one band agree, which happens with probability
//! `1 − (1 − J^ROWS)^BANDS` ([`candidate_probability`]):
//!
//! | Jaccard J | 0.2   | 0.3   | 0.5   | 0.6   | 0.7      | 0.9          |
//! |-----------|-------|-------|-------|-------|----------|--------------|
//! | P(candidate) | 0.050 | 0.229 | 0.873 | 0.988 | 0.99985 | 1 − 2·10⁻¹⁵ |
//!
//! So at [`COPY_THRESHOLD`] (0.6) nearly 99 % of true copies are found, and any pair above 0.7
//! is all but certain to be, while unrelated texts (J close to 0) almost never collide and texts
//! on the same topic (J around 0.1 to 0.2) rarely do: the store verifies every candidate with
//! [`Signature::similarity`] anyway, so a false candidate costs one comparison. Fewer rows per
//! band would find more candidates at low similarity (more work for nothing); more rows would miss
//! copies near the threshold. 128 slots of `u32` keep a signature at 512 bytes.

use crate::text::for_each_token;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Number of MinHash slots (hash functions) in a [`Signature`].
pub const NUM_HASHES: usize = 128;
/// Number of LSH bands a signature is split into; one key per band.
pub const BANDS: usize = 32;
/// Number of signature slots in each LSH band.
pub const ROWS: usize = 4;
/// Number of consecutive words in a shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Fewest word tokens a text needs for [`minhash`] to return a signature. Shorter texts (a
/// headline, a teaser, a photo caption) share too few 5-grams for a similarity to mean "copy".
pub const MIN_TOKENS: usize = 25;
/// Version of the signature recipe (tokens, shingle hash, slot hash seeds). Signatures made with
/// different versions cannot be compared; a change to any of them must bump this number so that a
/// store can recompute its signatures.
pub const SIGNATURE_VERSION: u32 = 1;

/// Estimated similarity at or above which a later article is stored as a copy of an earlier one.
///
/// 0.6 is chosen so that the same text with different site chrome around it, with a closing
/// paragraph added or cut, or updated with a new paragraph, is a copy (the test suite's reprints
/// measure 0.63 to 0.92), while two outlets' own reports of one event, which share names and
/// figures, stay far below it (0.0 in the tests), and so does an article that quotes one paragraph
/// of another (0.14). The
/// threshold is also where LSH still finds 98.8 % of the pairs (see the table in the module
/// documentation), and it is 2.3 standard errors above 0.5, so a pair that shares only half of
/// its text is rarely taken for a copy.
pub const COPY_THRESHOLD: f64 = 0.6;

const _: () = assert!(BANDS * ROWS == NUM_HASHES);

/// SplitMix64 finaliser: a cheap, well-mixing bijection on `u64`.
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The per-slot multipliers (odd, so that each slot's hash is a permutation of the 32-bit shingle
/// hashes) and addends, drawn once from a fixed SplitMix64 stream so that signatures are the same
/// on every machine.
const fn coefficients() -> ([u32; NUM_HASHES], [u32; NUM_HASHES]) {
    let mut mul = [0u32; NUM_HASHES];
    let mut add = [0u32; NUM_HASHES];
    let mut state: u64 = 0x5041_5241_4C4C_4158; // "PARALLAX"
    let mut i = 0;
    while i < NUM_HASHES {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mul[i] = (mix64(state) >> 32) as u32 | 1;
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        add[i] = (mix64(state) >> 32) as u32;
        i += 1;
    }
    (mul, add)
}

const COEFFICIENTS: ([u32; NUM_HASHES], [u32; NUM_HASHES]) = coefficients();
static MUL: [u32; NUM_HASHES] = COEFFICIENTS.0;
static ADD: [u32; NUM_HASHES] = COEFFICIENTS.1;

/// Combines the token hashes of one shingle, in order, into the shingle's hash.
#[inline]
fn shingle_hash(window: &[u64; SHINGLE_WORDS], start: usize) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for k in 0..SHINGLE_WORDS {
        let t = window[(start + k) % SHINGLE_WORDS];
        h = (h ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(27);
    }
    mix64(h)
}

/// Slots computed together; their minima stay in registers while all shingles stream past.
const LANES: usize = 16;

/// The signature slots for a set of 32-bit shingle hashes: slot `i` is the minimum over all
/// shingles `x` of `MUL[i]·x + ADD[i] mod 2³²`.
fn slot_minima(shingles: &[u32]) -> [u32; NUM_HASHES] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `slot_minima_avx2` only needs AVX2, which the CPU was just found to have.
            return unsafe { slot_minima_avx2(shingles) };
        }
    }
    slot_minima_portable(shingles)
}

/// [`slot_minima_portable`] compiled for AVX2, which multiplies and compares eight `u32` lanes at
/// once (the x86-64 baseline, SSE2, has neither instruction and is about three times slower).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn slot_minima_avx2(shingles: &[u32]) -> [u32; NUM_HASHES] {
    slot_minima_portable(shingles)
}

/// The computation behind [`slot_minima`], written so that compilers vectorise it.
#[inline(always)]
fn slot_minima_portable(shingles: &[u32]) -> [u32; NUM_HASHES] {
    let mut sig = [u32::MAX; NUM_HASHES];
    for ((out, mul), add) in sig
        .chunks_exact_mut(LANES)
        .zip(MUL.chunks_exact(LANES))
        .zip(ADD.chunks_exact(LANES))
    {
        let mut acc = [u32::MAX; LANES];
        let mut a = [0u32; LANES];
        let mut b = [0u32; LANES];
        a.copy_from_slice(mul);
        b.copy_from_slice(add);
        for &x in shingles {
            for l in 0..LANES {
                acc[l] = acc[l].min(a[l].wrapping_mul(x).wrapping_add(b[l]));
            }
        }
        out.copy_from_slice(&acc);
    }
    sig
}

/// A MinHash signature: [`NUM_HASHES`] slot minima of a text's word 5-gram shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

/// The MinHash [`Signature`] of `text`'s word 5-grams (lowercased word tokens), or `None` when the
/// text has fewer than [`MIN_TOKENS`] words, which is too short to call anything a copy of it.
///
/// Runs in one pass over the text; besides the signature it keeps four bytes per word.
pub fn minhash(text: &str) -> Option<Signature> {
    let mut shingles: Vec<u32> = Vec::new();
    let mut window = [0u64; SHINGLE_WORDS];
    let mut count: usize = 0;
    let mut buf = String::new();
    for_each_token(text, &mut buf, |token| {
        let slot = count % SHINGLE_WORDS;
        window[slot] = xxh3_64(token.as_bytes());
        count += 1;
        if count >= SHINGLE_WORDS {
            // The oldest token of the window sits just after the newest one.
            shingles.push((shingle_hash(&window, (slot + 1) % SHINGLE_WORDS) >> 32) as u32);
        }
    });
    if count < MIN_TOKENS {
        return None;
    }
    Some(Signature(slot_minima(&shingles).to_vec()))
}

/// The probability that two texts with Jaccard similarity `jaccard` (between 0 and 1) share at
/// least one LSH band key: `1 − (1 − jaccard^ROWS)^BANDS`.
pub fn candidate_probability(jaccard: f64) -> f64 {
    let j = jaccard.clamp(0.0, 1.0);
    1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32)
}

impl Signature {
    /// The signature as bytes (each slot little-endian), for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 4);
        for v in &self.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// A signature read back from [`to_bytes`](Self::to_bytes) output, or `None` when `b` is not
    /// exactly [`NUM_HASHES`] × 4 bytes long.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != NUM_HASHES * 4 {
            return None;
        }
        Some(Signature(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets: the fraction of slots in which
    /// the signatures agree, from 0.0 to 1.0. Signatures of different lengths (which no version of
    /// [`minhash`] makes) have similarity 0.0.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// One LSH key per band of [`ROWS`] slots ([`BANDS`] keys for a signature from [`minhash`]).
    /// The band index seeds the hash, so equal rows in different bands give different keys and
    /// all keys of all bands can share one index.
    pub fn band_keys(&self) -> Vec<u64> {
        self.0
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = [0u8; ROWS * 4];
                for (dst, v) in bytes.chunks_exact_mut(4).zip(rows) {
                    dst.copy_from_slice(&v.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, band as u64)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Test texts written for this suite.
    const BRIDGE: &str = "The city council voted on Tuesday evening to spend 48 million crowns on \
        repairing the old harbour bridge, which has been closed to lorries since an inspection last \
        spring found cracks in two of its steel girders. Work is due to start in September and \
        should take about fourteen months, during which cyclists and pedestrians will use a \
        temporary pontoon crossing next to the ferry terminal.\n\n\
        The decision followed a heated debate. Opposition members argued that the bridge should be \
        replaced rather than patched, pointing to an engineering report that gave the repaired \
        structure a remaining life of only twenty-five years. The mayor, Anna Lindqvist, said a \
        new bridge would cost three times as much and take at least six years to plan and build.\n\n\
        Shop owners on the harbour front welcomed the vote but asked the council to keep the \
        pontoon open late on weekends, when most of their customers arrive from the old town. \
        The council promised to review the opening hours after the first month of works. \
        Traffic on the ring road, which has carried the diverted lorries for a year, is expected \
        to stay heavy until the repairs are finished.";

    const BRIDGE_OTHER_OUTLET: &str = "Lorries will not return to the harbour bridge before the \
        end of next year. After a long and at times angry meeting, councillors on Tuesday approved \
        a repair plan worth 48 million crowns for the crossing, shut to heavy traffic since \
        inspectors discovered cracked girders a year ago. Mayor Anna Lindqvist defended patching \
        up the structure instead of building a replacement, which she said would be far more \
        expensive and would leave the harbour without a proper crossing for most of a decade. \
        Critics were unconvinced. They cited engineers who expect the repaired bridge to last \
        only another quarter of a century. Walkers and cyclists will cross on a floating pontoon \
        beside the ferry terminal while the works go on, from September until late next year. \
        Traders along the waterfront say they are relieved that a decision has finally been \
        made, but want the pontoon to stay open in the evenings at weekends.";

    const CHROME_TOP_A: &str = "Menu Home News Sport Culture Weather Subscribe now and get the \
        first month free.";
    const CHROME_BOTTOM_A: &str = "Share this article on social media. Sign up for our morning \
        newsletter to get the top stories in your inbox every day. Comments are closed.";
    const CHROME_TOP_B: &str = "Skip to main content. Local news from the coast, updated every \
        hour. Advertisement";
    const CHROME_BOTTOM_B: &str = "This story was distributed by a news agency. Copyright all \
        rights reserved. Read more: ferry prices rise again this summer.";

    fn sig(text: &str) -> Signature {
        minhash(text).expect("test texts are long enough")
    }

    fn jaccard_exact(a: &str, b: &str) -> f64 {
        use std::collections::HashSet;
        fn shingles(t: &str) -> HashSet<Vec<String>> {
            let mut toks = Vec::new();
            let mut buf = String::new();
            for_each_token(t, &mut buf, |s| toks.push(s.to_string()));
            toks.windows(SHINGLE_WORDS).map(|w| w.to_vec()).collect()
        }
        let (a, b) = (shingles(a), shingles(b));
        a.intersection(&b).count() as f64 / a.union(&b).count() as f64
    }

    #[test]
    fn identical_texts_have_similarity_one() {
        let a = sig(BRIDGE);
        assert_eq!(a.0.len(), NUM_HASHES);
        assert_eq!(a.similarity(&sig(BRIDGE)), 1.0);
        // Case, punctuation and whitespace do not matter.
        let shouted = BRIDGE.to_uppercase().replace(['.', ','], " ; ");
        assert_eq!(a.similarity(&sig(&shouted)), 1.0);
    }

    #[test]
    fn reprint_with_other_site_chrome_is_a_copy() {
        let a = format!("{CHROME_TOP_A}\n\n{BRIDGE}\n\n{CHROME_BOTTOM_A}");
        let b = format!("{CHROME_TOP_B}\n\n{BRIDGE}\n\n{CHROME_BOTTOM_B}");
        let s = sig(&a).similarity(&sig(&b));
        let j = jaccard_exact(&a, &b);
        assert!(s >= COPY_THRESHOLD, "similarity {s} (exact Jaccard {j})");
        assert!((s - j).abs() < 0.15, "estimate {s} far from exact {j}");
        // Chrome on one side only.
        let c = format!("{BRIDGE}\n\n{CHROME_BOTTOM_B}");
        assert!(sig(BRIDGE).similarity(&sig(&c)) >= COPY_THRESHOLD);
    }

    #[test]
    fn reprint_with_a_paragraph_cut_or_added_is_a_copy() {
        let paragraphs: Vec<&str> = BRIDGE.split("\n\n").collect();
        let cut = paragraphs[..2].join("\n\n");
        let s = sig(BRIDGE).similarity(&sig(&cut));
        assert!(s >= COPY_THRESHOLD, "last paragraph cut: {s}");
        let updated = format!(
            "{BRIDGE}\n\nUpdate: the council said on Wednesday that the temporary pontoon will \
             open two weeks before the works start, so that residents can get used to it."
        );
        let s = sig(BRIDGE).similarity(&sig(&updated));
        assert!(s >= COPY_THRESHOLD, "update paragraph added: {s}");
    }

    #[test]
    fn different_articles_on_one_topic_are_far_below_threshold() {
        let s = sig(BRIDGE).similarity(&sig(BRIDGE_OTHER_OUTLET));
        assert!(s < 0.15, "same topic, different text: {s}");
        assert!(jaccard_exact(BRIDGE, BRIDGE_OTHER_OUTLET) < 0.05);
    }

    #[test]
    fn sharing_one_paragraph_is_not_a_copy() {
        // An article that quotes one of three paragraphs of another.
        let first = BRIDGE.split("\n\n").next().unwrap_or_default();
        let other = format!("{first}\n\n{BRIDGE_OTHER_OUTLET}");
        let s = sig(BRIDGE).similarity(&sig(&other));
        assert!(s < COPY_THRESHOLD, "one shared paragraph: {s}");
    }

    #[test]
    fn band_keys_of_near_duplicates_collide() {
        let a = sig(&format!("{CHROME_TOP_A}\n\n{BRIDGE}"));
        let b = sig(&format!("{BRIDGE}\n\n{CHROME_BOTTOM_B}"));
        let (ka, kb) = (a.band_keys(), b.band_keys());
        assert_eq!(ka.len(), BANDS);
        let shared = ka.iter().zip(&kb).filter(|(x, y)| x == y).count();
        assert!(shared >= 1, "no shared band key");
        let c = sig(BRIDGE_OTHER_OUTLET);
        assert!(ka.iter().all(|k| !c.band_keys().contains(k)));
    }

    #[test]
    fn band_index_is_mixed_into_keys() {
        // Equal rows in every band still give distinct keys.
        let s = Signature(vec![7; NUM_HASHES]);
        let mut keys = s.band_keys();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), BANDS);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(minhash(""), None);
        assert_eq!(minhash("Bridge to reopen next year, council says"), None);
        let words: Vec<String> = (0..MIN_TOKENS).map(|i| format!("w{i}")).collect();
        assert!(minhash(&words[..MIN_TOKENS - 1].join(" ")).is_none());
        assert!(minhash(&words.join(" ")).is_some());
    }

    #[test]
    fn word_order_matters() {
        let words: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
        let forward = words.join(" ");
        let backward: Vec<&str> = words.iter().rev().map(String::as_str).collect();
        assert!(sig(&forward).similarity(&sig(&backward.join(" "))) < 0.1);
    }

    #[test]
    fn vectorised_and_portable_minima_agree() {
        let shingles: Vec<u32> = (0..1000u64).map(|i| (mix64(i) >> 7) as u32).collect();
        assert_eq!(slot_minima(&shingles), slot_minima_portable(&shingles));
        assert_eq!(slot_minima(&[]), [u32::MAX; NUM_HASHES]);
    }

    #[test]
    fn bytes_round_trip() {
        let s = sig(BRIDGE);
        let b = s.to_bytes();
        assert_eq!(b.len(), NUM_HASHES * 4);
        assert_eq!(Signature::from_bytes(&b), Some(s));
        assert_eq!(Signature::from_bytes(&b[1..]), None);
        assert_eq!(Signature::from_bytes(&[]), None);
    }

    #[test]
    fn mismatched_signatures_have_zero_similarity() {
        let s = sig(BRIDGE);
        assert_eq!(s.similarity(&Signature(vec![1, 2, 3])), 0.0);
        assert_eq!(Signature(vec![]).similarity(&Signature(vec![])), 0.0);
    }

    #[test]
    fn signatures_are_stable() {
        // Stored signatures must not change between builds: pin a few slots of a known text.
        // If this fails, the recipe changed and SIGNATURE_VERSION must be bumped.
        let s = sig(BRIDGE);
        let pinned = [s.0[0], s.0[1], s.0[127]];
        assert_eq!(pinned, PINNED);
    }
    const PINNED: [u32; 3] = [10694945, 5783265, 8469639];

    #[test]
    fn candidate_probabilities_match_the_documented_table() {
        let p = |j: f64| (candidate_probability(j) * 1000.0).round() / 1000.0;
        assert_eq!(p(0.2), 0.05);
        assert_eq!(p(0.3), 0.229);
        assert_eq!(p(0.5), 0.873);
        assert_eq!(p(0.6), 0.988);
        assert!(candidate_probability(0.7) > 0.9998);
        assert!(candidate_probability(0.9) > 1.0 - 1e-14);
        assert_eq!(candidate_probability(0.0), 0.0);
        assert_eq!(candidate_probability(1.0), 1.0);
    }

    #[test]
    fn estimates_are_unbiased_with_binomial_spread() {
        // Pairs of random 300-word texts sharing their first `frac` of words: the estimate must
        // scatter around the exact Jaccard similarity as a 128-draw binomial would.
        let mut state = 0x9E37_79B9_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for frac in [0.5, 0.8] {
            let (mut errs, mut var) = (Vec::new(), 0.0);
            for _ in 0..150 {
                let n = 300;
                let shared = (n as f64 * frac) as usize;
                let mut a: Vec<String> =
                    (0..shared).map(|_| format!("w{}", next() % 5000)).collect();
                let mut b = a.clone();
                for _ in shared..n {
                    a.push(format!("w{}", next() % 5000));
                    b.push(format!("w{}", next() % 5000));
                }
                let (a, b) = (a.join(" "), b.join(" "));
                let j = jaccard_exact(&a, &b);
                errs.push(sig(&a).similarity(&sig(&b)) - j);
                var += j * (1.0 - j) / NUM_HASHES as f64;
            }
            let count = errs.len() as f64;
            let mean = errs.iter().sum::<f64>() / count;
            let sd = (errs.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / count).sqrt();
            let expected_sd = (var / count).sqrt();
            assert!(mean.abs() < 0.012, "shared {frac}: bias {mean}");
            assert!(
                sd > 0.75 * expected_sd && sd < 1.3 * expected_sd,
                "shared {frac}: sd {sd}, binomial {expected_sd}"
            );
        }
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        // Progressive truncation gives a range of true similarities.
        let words: Vec<&str> = BRIDGE.split_whitespace().collect();
        for keep in [40, 80, 120, 160, 200] {
            let part = words[..keep.min(words.len())].join(" ");
            let j = jaccard_exact(BRIDGE, &part);
            let s = sig(BRIDGE).similarity(&sig(&part));
            assert!((s - j).abs() < 0.15, "keep {keep}: estimate {s}, exact {j}");
        }
    }
}
