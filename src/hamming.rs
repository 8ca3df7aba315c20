//! The Hamming index: which stored simhashes lie within a few bits of a query.
//!
//! In the manner of Manku, Jain and Das Sarma (WWW 2007): the 64 bits are cut into `B` blocks;
//! two fingerprints within `k` bits of each other differ in at most `k` blocks, so they agree
//! exactly on at least `B − k` of them. One table per choice of `B − k` blocks, keyed by those
//! blocks' bits, finds every candidate; each candidate is then checked bit by bit. The answer
//! is exact: the same as comparing the query with every stored fingerprint.

use std::collections::HashMap;

use crate::fingerprint::hamming;

/// The largest distance an index answers for.
pub const MAX_DISTANCE: u32 = 8;

/// Simhashes within a fixed Hamming distance of a query, exactly.
///
/// ```
/// let mut index = chaff::HammingIndex::new(3);
/// let a = index.insert(0b1011);
/// let b = index.insert(0b1011 ^ (1 << 40) ^ (1 << 7));
/// let c = index.insert(u64::MAX);
/// assert_eq!(index.query(0b1011), [(a, 0), (b, 2)]);
/// index.remove(b);
/// assert_eq!(index.query(0b1011), [(a, 0)]);
/// ```
#[derive(Clone, Debug)]
pub struct HammingIndex {
    max_distance: u32,
    /// One mask per table: the bits its key is made of.
    masks: Vec<u64>,
    tables: Vec<HashMap<u64, Vec<u32>>>,
    /// The simhash of every id; `None` once removed.
    hashes: Vec<Option<u64>>,
    len: usize,
}

impl HammingIndex {
    /// An empty index answering for distances up to `max_distance` (at most [`MAX_DISTANCE`];
    /// larger values are clamped to it).
    pub fn new(max_distance: u32) -> HammingIndex {
        let k = max_distance.min(MAX_DISTANCE);
        // Enough blocks that every table key has about 16 bits or more at k up to 3, and two
        // blocks of a finer cut beyond, so buckets stay small at a million fingerprints.
        let (blocks, matched) = if k <= 3 { (k + 1, 1) } else { (k + 2, 2) };
        let block_masks: Vec<u64> = (0..blocks)
            .map(|b| {
                let (from, to) = (64 * b / blocks, 64 * (b + 1) / blocks);
                let width = to - from;
                if width == 64 {
                    u64::MAX
                } else {
                    ((1u64 << width) - 1) << from
                }
            })
            .collect();
        let masks = combinations(blocks as usize, matched as usize)
            .into_iter()
            .map(|choice| choice.iter().fold(0, |mask, &b| mask | block_masks[b]))
            .collect::<Vec<u64>>();
        let tables = vec![HashMap::new(); masks.len()];
        HammingIndex {
            max_distance: k,
            masks,
            tables,
            hashes: Vec::new(),
            len: 0,
        }
    }

    /// The distance the index answers for.
    pub fn max_distance(&self) -> u32 {
        self.max_distance
    }

    /// Adds a simhash; returns its id (ids count up from 0 and are never reused).
    pub fn insert(&mut self, simhash: u64) -> usize {
        let id = self.hashes.len();
        let id32 = u32::try_from(id).unwrap_or(u32::MAX);
        for (table, mask) in self.tables.iter_mut().zip(&self.masks) {
            table.entry(simhash & mask).or_default().push(id32);
        }
        self.hashes.push(Some(simhash));
        self.len += 1;
        id
    }

    /// Removes an id; returns whether it was there.
    pub fn remove(&mut self, id: usize) -> bool {
        let Some(simhash) = self.hashes.get_mut(id).and_then(Option::take) else {
            return false;
        };
        for (table, mask) in self.tables.iter_mut().zip(&self.masks) {
            let key = simhash & mask;
            if let Some(bucket) = table.get_mut(&key) {
                bucket.retain(|&other| other as usize != id);
                if bucket.is_empty() {
                    table.remove(&key);
                }
            }
        }
        self.len -= 1;
        true
    }

    /// The simhash stored under an id, unless removed.
    pub fn get(&self, id: usize) -> Option<u64> {
        self.hashes.get(id).copied().flatten()
    }

    /// Every stored id within the index's distance of `simhash`, with its distance, by id.
    pub fn query(&self, simhash: u64) -> Vec<(usize, u32)> {
        let mut found: Vec<(usize, u32)> = Vec::new();
        for (table, mask) in self.tables.iter().zip(&self.masks) {
            for &id in table.get(&(simhash & mask)).into_iter().flatten() {
                let id = id as usize;
                if let Some(stored) = self.get(id) {
                    let distance = hamming(stored, simhash);
                    if distance <= self.max_distance {
                        found.push((id, distance));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// How many simhashes the index holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Every way to choose `k` of `n` items, as sorted index lists.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    if n < k {
        return Vec::new();
    }
    let mut with_last = combinations(n - 1, k - 1);
    with_last.iter_mut().for_each(|c| c.push(n - 1));
    let mut out = combinations(n - 1, k);
    out.extend(with_last);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_cover_every_pattern_of_k_differing_blocks() {
        assert_eq!(combinations(4, 1).len(), 4);
        assert_eq!(combinations(8, 2).len(), 28);
        for k in 0..=MAX_DISTANCE {
            let index = HammingIndex::new(k);
            // Flipping the k lowest bits of every block pattern is still found.
            let base = 0x0123_4567_89AB_CDEFu64;
            let flipped = (0..k).fold(base, |h, i| h ^ (1 << (i * 64 / k.max(1)).min(63)));
            let mut index = index;
            let id = index.insert(base);
            assert_eq!(
                index.query(flipped),
                [(id, hamming(base, flipped))],
                "k={k}"
            );
        }
    }
}
