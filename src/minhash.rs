//! MinHash: the share of word shingles two texts have in common (their Jaccard similarity),
//! estimated from short signatures, and an index that finds stored signatures above a
//! Jaccard threshold.
//!
//! The simhash asks "within `k` bits"; MinHash asks "at least this share of shingles in
//! common", the measure corpus deduplication is usually stated in (Broder, "On the resemblance
//! and containment of documents", 1997). A signature keeps, for each of 128 hash functions,
//! the least hash of any of the text's word 3-shingles; two signatures agree in a slot with
//! probability equal to the texts' Jaccard similarity, so the share of agreeing slots
//! estimates it (standard error at most 0.045).
//!
//! [`MinHashIndex`] finds candidates by locality-sensitive hashing (Leskovec, Rajaraman and
//! Ullman, *Mining of Massive Datasets*, ch. 3): the slots are cut into `b` bands of `r`, and
//! two signatures are candidates when they agree on a whole band, which happens with
//! probability `1 − (1 − sʳ)ᵇ` at similarity `s`. For a threshold `t` the index takes the `b`
//! and `r` that make the chances of missing a pair above `t` and of proposing one below it
//! smallest (as `datasketch` does), then keeps the candidates whose estimate reaches `t`.
//!
//! ```
//! use chaff::minhash::{MinHash, MinHashIndex};
//! let story = "The council of Port Averne voted on Tuesday to rebuild the Kessler harbour wall \
//!     before the winter storms, the mayor Daniel Ruiz said after the meeting. Work is to start in \
//!     March and last eight months, during which the ferry will berth at the old fish quay.";
//! let copy = format!("{story} Share this article. © 2025 The Courier.");
//! let other = "The football season opens next week with a derby between the two city clubs, \
//!     and tickets for the first match sold out within an hour of going on sale on Monday.";
//! let mut index = MinHashIndex::new(0.7);
//! let original = index.insert(MinHash::new(story));
//! index.insert(MinHash::new(other));
//! let found = index.query(&MinHash::new(&copy));
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].0, original);
//! assert!(found[0].1 > 0.7);
//! ```

use std::collections::HashMap;

use crate::fingerprint::{SHINGLE_WORDS, mix, shingles};

/// Slots in a signature: one hash function each.
pub const PERMUTATIONS: usize = 128;

/// A text's MinHash signature: in each slot, the least value one hash function gives any of
/// its shingles.
///
/// ```
/// use chaff::minhash::MinHash;
/// let a = MinHash::new("Ministers met in Moscow on Wednesday to discuss trade, energy and security in the Sahel region.");
/// let b = MinHash::new("Ministers met in Moscow on Wednesday to discuss trade, energy and security in the Sahel area.");
/// let c = MinHash::new("The football season opens next week with a derby between the two city clubs.");
/// assert!(a.jaccard(&b) > 0.6 && a.jaccard(&c) < 0.1);
/// // Case, accents and punctuation do not count, as for the simhash.
/// assert_eq!(a, MinHash::new("MINISTERS MET IN MOSCOW -- on Wednesday -- to discuss trade energy and security in the Sahel region"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MinHash {
    slots: Box<[u32; PERMUTATIONS]>,
}

impl MinHash {
    /// The signature of a text's word 3-shingles, its words normalised as
    /// [`fingerprint::words`](crate::fingerprint::words) does. A text without words has the
    /// signature of the empty set, equal only to itself.
    ///
    /// ```
    /// let empty = chaff::minhash::MinHash::new(" -- ");
    /// assert_eq!(empty.jaccard(&chaff::minhash::MinHash::new("")), 1.0);
    /// assert_eq!(empty.jaccard(&chaff::minhash::MinHash::new("Some words here")), 0.0);
    /// ```
    pub fn new(text: &str) -> MinHash {
        MinHash::from_shingles(shingles(text, SHINGLE_WORDS))
    }

    /// The signature of any set of 64-bit hashes: other shingles
    /// ([`fingerprint::shingles`](crate::fingerprint::shingles) with another length), words,
    /// names. Repeats count once.
    ///
    /// ```
    /// use chaff::{fingerprint::shingles, minhash::MinHash};
    /// let text = "the cat sat on the mat and the dog lay by the door";
    /// assert_eq!(MinHash::from_shingles(shingles(text, 3)), MinHash::new(text));
    /// let fives = MinHash::from_shingles(shingles(text, 5));
    /// assert_eq!(fives.jaccard(&fives), 1.0);
    /// ```
    pub fn from_shingles(shingles: impl IntoIterator<Item = u64>) -> MinHash {
        let Functions {
            multipliers,
            offsets,
        } = functions();
        let mut slots = Box::new([u32::MAX; PERMUTATIONS]);
        for shingle in shingles {
            // Each function is x ↦ a·x + b mod 2³² over the shingle's low 32 bits, a odd: a
            // permutation, and on hashes that are already random as good as a random one; its
            // 32-bit products vectorise on any x86-64, where 64-bit ones do not.
            let x = shingle as u32;
            for ((slot, &a), &b) in slots.iter_mut().zip(multipliers).zip(offsets) {
                *slot = (*slot).min(a.wrapping_mul(x).wrapping_add(b));
            }
        }
        MinHash { slots }
    }

    /// The estimated Jaccard similarity: the share of slots on which the signatures agree.
    ///
    /// ```
    /// let a = chaff::minhash::MinHash::new("one two three four five six seven eight nine ten");
    /// assert_eq!(a.jaccard(&a), 1.0);
    /// ```
    pub fn jaccard(&self, other: &MinHash) -> f32 {
        let agree = self
            .slots
            .iter()
            .zip(other.slots.iter())
            .filter(|(x, y)| x == y)
            .count();
        agree as f32 / PERMUTATIONS as f32
    }

    /// The signature's slots, to store it; [`MinHash::from_slots`] gives it back.
    ///
    /// ```
    /// use chaff::minhash::MinHash;
    /// let signature = MinHash::new("The council voted on Tuesday to rebuild the harbour wall.");
    /// assert_eq!(MinHash::from_slots(*signature.slots()), signature);
    /// ```
    pub fn slots(&self) -> &[u32; PERMUTATIONS] {
        &self.slots
    }

    /// A signature from stored slots.
    ///
    /// ```
    /// let empty = chaff::minhash::MinHash::from_slots([u32::MAX; chaff::minhash::PERMUTATIONS]);
    /// assert_eq!(empty, chaff::minhash::MinHash::new(""));
    /// ```
    pub fn from_slots(slots: [u32; PERMUTATIONS]) -> MinHash {
        MinHash {
            slots: Box::new(slots),
        }
    }

    /// The slots of one band, hashed: equal bands give equal keys.
    fn band_key(&self, band: usize, rows: usize) -> u64 {
        self.slots[band * rows..(band + 1) * rows]
            .iter()
            .fold(band as u64, |key, &slot| mix(key ^ u64::from(slot)))
    }
}

/// The hash functions' multipliers and offsets, one of each per slot.
struct Functions {
    multipliers: [u32; PERMUTATIONS],
    offsets: [u32; PERMUTATIONS],
}

/// The hash functions: fixed, so that signatures stored today compare with those of a later
/// build (a test pins them).
fn functions() -> &'static Functions {
    static FUNCTIONS: std::sync::OnceLock<Functions> = std::sync::OnceLock::new();
    FUNCTIONS.get_or_init(|| {
        let mut state = 0x006d_696e_6861_7368_u64; // "minhash"
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix(state)
        };
        Functions {
            multipliers: std::array::from_fn(|_| next() as u32 | 1),
            offsets: std::array::from_fn(|_| next() as u32),
        }
    })
}

/// Stored MinHash signatures whose estimated Jaccard similarity to a query reaches a
/// threshold, found by locality-sensitive hashing.
///
/// The answer holds only signatures at or above the threshold; one above it is missed by the
/// bands with probability `(1 − sʳ)ᵇ` at similarity `s`, at most 1% at the threshold and less
/// above it (see [`MinHashIndex::bands`]).
///
/// ```
/// use chaff::minhash::{MinHash, MinHashIndex};
/// let mut index = MinHashIndex::new(0.5);
/// let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
/// let a = index.insert(MinHash::new(text));
/// let b = index.insert(MinHash::new("a text about something else entirely, with no words in common"));
/// assert_eq!(index.query(&MinHash::new(text)), [(a, 1.0)]);
/// assert!(index.remove(a));
/// assert!(index.query(&MinHash::new(text)).is_empty());
/// assert_eq!(index.len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct MinHashIndex {
    threshold: f32,
    rows: usize,
    /// One table per band.
    tables: Vec<Band>,
    /// Every id's signature, `None` once removed.
    signatures: Vec<Option<MinHash>>,
    len: usize,
}

impl MinHashIndex {
    /// An empty index answering "estimated Jaccard similarity at least `threshold`"
    /// (clamped to 0.05–1).
    ///
    /// ```
    /// let index = chaff::minhash::MinHashIndex::new(0.8);
    /// assert!(index.is_empty());
    /// ```
    pub fn new(threshold: f32) -> MinHashIndex {
        let threshold = if threshold.is_nan() {
            1.0
        } else {
            threshold.clamp(MIN_THRESHOLD, 1.0)
        };
        let (bands, rows) = banding(threshold);
        MinHashIndex {
            threshold,
            rows,
            tables: vec![Band::default(); bands],
            signatures: Vec::new(),
            len: 0,
        }
    }

    /// The bands and rows per band chosen for the threshold.
    ///
    /// ```
    /// let (bands, rows) = chaff::minhash::MinHashIndex::new(0.8).bands();
    /// assert!(bands * rows <= chaff::minhash::PERMUTATIONS);
    /// // A pair at similarity s is a candidate with this probability: 99% or more at 0.8.
    /// let proposed = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
    /// assert!(proposed(0.8) >= 0.99 && proposed(0.4) < 0.2);
    /// ```
    pub fn bands(&self) -> (usize, usize) {
        (self.tables.len(), self.rows)
    }

    /// Stores a signature; returns its id (ids count up from 0).
    ///
    /// # Panics
    ///
    /// At the 4,294,967,295th signature: ids are kept in 32 bits.
    ///
    /// ```
    /// let mut index = chaff::minhash::MinHashIndex::new(0.5);
    /// assert_eq!(index.insert(chaff::minhash::MinHash::new("a first text")), 0);
    /// assert_eq!(index.insert(chaff::minhash::MinHash::new("a second text")), 1);
    /// ```
    pub fn insert(&mut self, signature: MinHash) -> usize {
        let id = self.signatures.len();
        // Ids are kept in 32 bits: 2³² signatures would take 2 TiB.
        assert!(
            id < END as usize,
            "a MinHashIndex holds fewer than 2³² − 1 signatures"
        );
        for (band, table) in self.tables.iter_mut().enumerate() {
            table.insert(signature.band_key(band, self.rows), id as u32);
        }
        self.signatures.push(Some(signature));
        self.len += 1;
        id
    }

    /// Removes a stored signature; false if the id was never stored or is already removed.
    ///
    /// ```
    /// let mut index = chaff::minhash::MinHashIndex::new(0.5);
    /// let id = index.insert(chaff::minhash::MinHash::new("a text"));
    /// assert!(index.remove(id));
    /// assert!(!index.remove(id) && !index.remove(7));
    /// ```
    pub fn remove(&mut self, id: usize) -> bool {
        let Some(signature) = self.signatures.get_mut(id).and_then(Option::take) else {
            return false;
        };
        for (band, table) in self.tables.iter_mut().enumerate() {
            table.remove(signature.band_key(band, self.rows), id as u32);
        }
        self.len -= 1;
        true
    }

    /// Stored signatures whose estimated similarity to `query` is at least the threshold, as
    /// `(id, similarity)`, most similar first (ties by id).
    ///
    /// ```
    /// use chaff::minhash::{MinHash, MinHashIndex};
    /// let mut index = MinHashIndex::new(0.3);
    /// let text = "Ministers met in Moscow on Wednesday to discuss trade, energy and security in the Sahel region.";
    /// let near = index.insert(MinHash::new(&text.replace("region", "area")));
    /// let same = index.insert(MinHash::new(text));
    /// let ids: Vec<usize> = index.query(&MinHash::new(text)).into_iter().map(|(id, _)| id).collect();
    /// assert_eq!(ids, [same, near]);
    /// ```
    pub fn query(&self, query: &MinHash) -> Vec<(usize, f32)> {
        let mut candidates: Vec<u32> = Vec::new();
        for (band, table) in self.tables.iter().enumerate() {
            candidates.extend(table.ids(query.band_key(band, self.rows)));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(usize, f32)> = candidates
            .into_iter()
            .filter_map(|id| {
                let signature = self.signatures[id as usize].as_ref()?;
                let similarity = query.jaccard(signature);
                (similarity >= self.threshold).then_some((id as usize, similarity))
            })
            .collect();
        found.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        found
    }

    /// How many signatures are stored.
    ///
    /// ```
    /// let mut index = chaff::minhash::MinHashIndex::new(0.5);
    /// index.insert(chaff::minhash::MinHash::new("a text"));
    /// assert_eq!(index.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no signature is stored.
    ///
    /// ```
    /// assert!(chaff::minhash::MinHashIndex::new(0.5).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// One band's table: the ids whose signatures agree on the band, as a chain per band key
/// (a key's newest id, then each id's next), so that an id costs one map entry at most and
/// four bytes, not a list of its own.
#[derive(Clone, Debug, Default)]
struct Band {
    newest: HashMap<u64, u32>,
    /// For each id, the next older id with the same key, or [`END`].
    older: Vec<u32>,
}

/// The end of a chain.
const END: u32 = u32::MAX;

impl Band {
    fn insert(&mut self, key: u64, id: u32) {
        let older = self.newest.insert(key, id).unwrap_or(END);
        self.older.push(older);
    }

    fn remove(&mut self, key: u64, id: u32) {
        let Some(&newest) = self.newest.get(&key) else {
            return;
        };
        let after = self.older[id as usize];
        if newest == id {
            if after == END {
                self.newest.remove(&key);
            } else {
                self.newest.insert(key, after);
            }
            return;
        }
        let mut at = newest;
        while at != END {
            let next = self.older[at as usize];
            if next == id {
                self.older[at as usize] = after;
                return;
            }
            at = next;
        }
    }

    fn ids(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.newest.get(&key).copied().unwrap_or(END);
        std::iter::from_fn(move || {
            let id = (at != END).then_some(at)?;
            at = self.older[id as usize];
            Some(id)
        })
    }
}

/// The least threshold an index takes: below it nearly every pair of texts would do.
const MIN_THRESHOLD: f32 = 0.05;

/// An index misses at most this share of the pairs exactly at its threshold.
const MISSED_AT_THRESHOLD: f64 = 0.01;

/// The `(bands, rows)`, `bands × rows ≤ PERMUTATIONS`, that miss at most
/// [`MISSED_AT_THRESHOLD`] of the pairs at `threshold` and, of those, propose fewest pairs
/// below it (integrated over the similarities from 0 to the threshold): verification drops
/// what is proposed below, but nothing brings back what is missed.
fn banding(threshold: f32) -> (usize, usize) {
    let t = f64::from(threshold);
    let mut best = (f64::INFINITY, PERMUTATIONS, 1);
    for bands in 1..=PERMUTATIONS {
        for rows in 1..=PERMUTATIONS / bands {
            let proposed = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
            if 1.0 - proposed(t) > MISSED_AT_THRESHOLD {
                continue;
            }
            // The area under `proposed` from 0 to t, by the midpoint rule.
            const STEPS: usize = 200;
            let width = t / STEPS as f64;
            let below: f64 = (0..STEPS)
                .map(|i| proposed((i as f64 + 0.5) * width))
                .sum::<f64>()
                * width;
            if below < best.0 {
                best = (below, bands, rows);
            }
        }
    }
    (best.1, best.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_functions_are_pinned() {
        // Stored signatures stay comparable only while these stay the same.
        assert!(functions().multipliers.iter().all(|a| a % 2 == 1));
        let signature =
            MinHash::new("Abdoulaye Diop met Sergey Lavrov in Moscow on 28 February 2024.");
        assert_eq!(
            (signature.slots[0], signature.slots[1], signature.slots[127]),
            (324928460, 105390383, 89092471)
        );
    }

    #[test]
    fn the_estimate_is_close_to_the_true_jaccard_similarity() {
        // Sets of 400 hashes sharing 0 to 400: true similarity shared / (800 - shared). The
        // estimate's standard error is at most 0.045; over 50 pairs its mean error is small.
        for shared in [0u64, 50, 100, 200, 300, 400] {
            let truth = shared as f32 / (800 - shared) as f32;
            let mut total_error = 0.0;
            for trial in 0..50u64 {
                let set = |from: u64| (from..from + 400).map(move |i| mix(i ^ trial << 32));
                let estimate = MinHash::from_shingles(set(0))
                    .jaccard(&MinHash::from_shingles(set(400 - shared)));
                assert!(
                    (estimate - truth).abs() < 0.15,
                    "{shared}: {estimate} against {truth}"
                );
                total_error += estimate - truth;
            }
            assert!(
                (total_error / 50.0).abs() < 0.025,
                "{shared}: mean error {}",
                total_error / 50.0
            );
        }
    }

    #[test]
    fn a_band_keeps_every_chain_whole_whatever_is_removed() {
        // Ids 0..6 under keys 0, 1, 0, 0, 1, 0; each id removed in turn, in several orders.
        let keys = [0u64, 1, 0, 0, 1, 0];
        for order in [
            [0, 1, 2, 3, 4, 5],
            [5, 3, 0, 4, 2, 1],
            [2, 3, 1, 5, 0, 4],
            [3, 2, 5, 4, 1, 0],
        ] {
            let mut band = Band::default();
            for (id, &key) in keys.iter().enumerate() {
                band.insert(key, id as u32);
            }
            let mut alive = vec![true; keys.len()];
            for &removed in &order {
                band.remove(keys[removed], removed as u32);
                alive[removed] = false;
                for key in [0, 1] {
                    let mut ids: Vec<u32> = band.ids(key).collect();
                    ids.sort_unstable();
                    let want: Vec<u32> = (0..keys.len() as u32)
                        .filter(|&id| alive[id as usize] && keys[id as usize] == key)
                        .collect();
                    assert_eq!(ids, want, "after removing {removed} in {order:?}");
                }
            }
        }
    }

    #[test]
    fn bands_miss_at_most_one_pair_in_a_hundred_at_the_threshold() {
        for threshold in [0.05f32, 0.3, 0.5, 0.7, 0.9, 0.95, 1.0] {
            let (bands, rows) = banding(threshold);
            assert!(bands * rows <= PERMUTATIONS);
            let proposed = |s: f32| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
            assert!(proposed(threshold) >= 0.99, "{threshold}: {bands}×{rows}");
            // ...and propose few pairs far below it.
            let far = (threshold - 0.5).max(0.0);
            assert!(proposed(far) < 0.1, "{threshold}: {bands}×{rows}");
        }
    }
}
