//! The Hamming index: which stored simhashes lie within a few bits of a query.
//!
//! In the manner of Manku, Jain and Das Sarma (WWW 2007): the 64 bits are cut into `B` blocks;
//! two fingerprints within `k` bits of each other differ in at most `k` blocks, so they agree
//! exactly on at least `B − k` of them. One table per choice of `B − k` blocks, keyed by those
//! blocks' bits, finds every candidate; each candidate is then checked bit by bit. The answer
//! is exact: the same as comparing the query with every stored fingerprint.
//!
//! The tables are flat sorted arrays (a bucket directory and 32-bit offsets), not hash maps:
//! at `k ≤ 3` a million fingerprints take about 26 bytes each. To take inserts without
//! re-sorting everything, fingerprints live in *levels* over consecutive id ranges, largest and
//! oldest first, as in a log-structured merge tree: new ids gather in a short tail that is
//! scanned directly, a full tail becomes a level, and a level is merged into the one before it
//! once it is no longer much smaller. A query probes every level (a handful at a million).

use crate::fingerprint::hamming;

/// The largest distance an index answers for.
pub const MAX_DISTANCE: u32 = 8;

/// The most tables an index has: two blocks of `MAX_DISTANCE + 2`.
const MAX_TABLES: usize = ((MAX_DISTANCE + 2) * (MAX_DISTANCE + 1) / 2) as usize;

/// How many of the newest ids are scanned one by one before they are sorted into a level.
const TAIL: usize = 32;

/// A level is merged into the one before it while that one is less than this many times larger:
/// levels grow geometrically, so a query probes about log₈(n / TAIL) of them.
const GROWTH: usize = 8;

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
    /// One key per table: the bits that must match exactly for the table to find a candidate.
    keys: Vec<Key>,
    /// The simhash of every id ever inserted.
    hashes: Vec<u64>,
    /// One bit per id: set while the id is stored.
    live: Vec<u64>,
    /// Sorted tables over consecutive id ranges, oldest first; a range whose ids were all
    /// removed is dropped.
    levels: Vec<Level>,
    /// Where the tail starts: ids from here on are in no level yet.
    tail_start: usize,
    len: usize,
}

/// The bits of a table's key: one or two runs of consecutive bits of the simhash.
#[derive(Clone, Copy, Debug)]
struct Key {
    /// `(shift, width)` of each run; an unused run has width 0.
    runs: [(u32, u32); 2],
    /// The same bits as a mask.
    mask: u64,
}

impl Key {
    fn new(runs: [(u32, u32); 2]) -> Key {
        let mask = runs
            .iter()
            .fold(0, |mask, &(shift, width)| mask | (low_bits(width) << shift));
        Key { runs, mask }
    }

    fn bits(&self) -> u32 {
        self.runs[0].1 + self.runs[1].1
    }

    /// The directory bucket of a simhash: the low `dir_bits` of its key, runs packed together.
    /// A bucket may hold several keys (when the directory is smaller than the key space); the
    /// final distance check makes that harmless.
    #[inline]
    fn bucket(&self, simhash: u64, dir_bits: u32) -> usize {
        let [(s0, w0), (s1, w1)] = self.runs;
        // A first run of all 64 bits (k = 0) leaves no room, and no second run.
        let second = ((simhash >> s1) & low_bits(w1))
            .checked_shl(w0)
            .unwrap_or(0);
        let packed = ((simhash >> s0) & low_bits(w0)) | second;
        (packed & low_bits(dir_bits)) as usize
    }
}

fn low_bits(width: u32) -> u64 {
    if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    }
}

/// The ids `first..end` (less those removed since), sorted into one table per key.
#[derive(Clone, Debug)]
struct Level {
    first: usize,
    end: usize,
    /// Ids in the range removed after the level was built; it is rebuilt once they are half.
    removed: usize,
    dir_bits: u32,
    tables: Vec<Table>,
}

/// One table of a level: `offsets[starts[b]..starts[b + 1]]` are the ids (less the level's
/// first id) whose key falls in bucket `b`.
#[derive(Clone, Debug)]
struct Table {
    starts: Vec<u32>,
    offsets: Vec<u32>,
}

impl Level {
    fn build(index: &HammingIndex, first: usize, end: usize) -> Level {
        let ids: Vec<usize> = (first..end).filter(|&id| index.is_live(id)).collect();
        // About one id per bucket: a query's candidates are then mostly ids whose key matches.
        let dir_bits = (usize::BITS - ids.len().leading_zeros()).max(1);
        let tables = index
            .keys
            .iter()
            .map(|key| {
                let dir_bits = dir_bits.min(key.bits());
                let mut starts = vec![0u32; (1 << dir_bits) + 1];
                let buckets: Vec<usize> = ids
                    .iter()
                    .map(|&id| key.bucket(index.hashes[id], dir_bits))
                    .collect();
                // A counting sort: bucket sizes, then where each bucket starts.
                buckets.iter().for_each(|&b| starts[b + 1] += 1);
                for b in 1..starts.len() {
                    starts[b] += starts[b - 1];
                }
                let mut next = starts.clone();
                let mut offsets = vec![0u32; ids.len()];
                for (&id, &b) in ids.iter().zip(&buckets) {
                    let at = next[b] as usize;
                    offsets[at] = (id - first) as u32;
                    next[b] += 1;
                }
                Table { starts, offsets }
            })
            .collect();
        Level {
            first,
            end,
            removed: 0,
            dir_bits,
            tables,
        }
    }

    fn len(&self) -> usize {
        self.end - self.first - self.removed
    }
}

impl HammingIndex {
    /// An empty index answering for distances up to `max_distance` (at most [`MAX_DISTANCE`];
    /// larger values are clamped to it).
    pub fn new(max_distance: u32) -> HammingIndex {
        let k = max_distance.min(MAX_DISTANCE);
        // Up to k = 3, k + 1 blocks and tables keyed by one block (16 bits or more); beyond,
        // k + 2 finer blocks and tables keyed by two of them, so buckets stay small at a
        // million fingerprints.
        let (blocks, matched) = if k <= 3 { (k + 1, 1) } else { (k + 2, 2) };
        let block_runs: Vec<(u32, u32)> = (0..blocks)
            .map(|b| (64 * b / blocks, 64 * (b + 1) / blocks - 64 * b / blocks))
            .collect();
        let keys = combinations(blocks as usize, matched as usize)
            .into_iter()
            .map(|choice| {
                let mut runs = [(0, 0); 2];
                choice
                    .iter()
                    .zip(&mut runs)
                    .for_each(|(&b, run)| *run = block_runs[b]);
                Key::new(runs)
            })
            .collect();
        HammingIndex {
            max_distance: k,
            keys,
            hashes: Vec::new(),
            live: Vec::new(),
            levels: Vec::new(),
            tail_start: 0,
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
        self.hashes.push(simhash);
        if id % 64 == 0 {
            self.live.push(0);
        }
        self.live[id / 64] |= 1 << (id % 64);
        self.len += 1;
        if self.hashes.len() - self.tail_start >= TAIL {
            self.seal_tail();
        }
        id
    }

    /// Removes an id; returns whether it was there.
    pub fn remove(&mut self, id: usize) -> bool {
        if !self.is_live(id) {
            return false;
        }
        self.live[id / 64] &= !(1 << (id % 64));
        self.len -= 1;
        let at = self.levels.partition_point(|level| level.end <= id);
        let Some(level) = self.levels.get_mut(at).filter(|level| level.first <= id) else {
            return true;
        };
        level.removed += 1;
        // Reclaim the space of removed ids once they are half the level.
        if level.removed * 2 > level.end - level.first {
            let (first, end) = (level.first, level.end);
            let rebuilt = Level::build(self, first, end);
            if rebuilt.len() == 0 {
                self.levels.remove(at);
            } else {
                self.levels[at] = rebuilt;
            }
        }
        true
    }

    /// The simhash stored under an id, unless removed.
    pub fn get(&self, id: usize) -> Option<u64> {
        self.is_live(id).then(|| self.hashes[id])
    }

    /// Every stored id within the index's distance of `simhash`, with its distance, by id.
    pub fn query(&self, simhash: u64) -> Vec<(usize, u32)> {
        let mut found: Vec<(usize, u32)> = Vec::new();
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for level in &self.levels {
            // Every table's bucket first: their cache misses then overlap.
            let mut buckets = [(0, 0); MAX_TABLES];
            for ((key, table), bucket) in self.keys.iter().zip(&level.tables).zip(&mut buckets) {
                let b = key.bucket(simhash, level.dir_bits.min(key.bits()));
                *bucket = (table.starts[b] as usize, table.starts[b + 1] as usize);
            }
            // Then every candidate id, then their simhashes: each pass's loads are
            // independent of one another.
            candidates.clear();
            for (t, (table, &(from, to))) in level.tables.iter().zip(&buckets).enumerate() {
                let ids = table.offsets[from..to]
                    .iter()
                    .map(|&offset| (level.first + offset as usize, t));
                candidates.extend(ids);
            }
            for &(id, t) in &candidates {
                let differs = self.hashes[id] ^ simhash;
                // Only the first table whose key matches reports an id: the bucket may also
                // hold other keys, and later tables may match it again.
                if differs & self.keys[t].mask == 0
                    && differs.count_ones() <= self.max_distance
                    && self.keys[..t].iter().all(|k| differs & k.mask != 0)
                    && self.is_live(id)
                {
                    found.push((id, differs.count_ones()));
                }
            }
        }
        for id in self.tail_start..self.hashes.len() {
            let distance = hamming(self.hashes[id], simhash);
            if distance <= self.max_distance && self.is_live(id) {
                found.push((id, distance));
            }
        }
        found.sort_unstable();
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

    fn is_live(&self, id: usize) -> bool {
        self.live
            .get(id / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// Sorts the tail into a level, then merges levels that are no longer much smaller than
    /// the one before them.
    fn seal_tail(&mut self) {
        let level = Level::build(self, self.tail_start, self.hashes.len());
        self.tail_start = self.hashes.len();
        if level.len() > 0 {
            self.levels.push(level);
        }
        while let [.., before, last] = self.levels.as_slice() {
            // Offsets within a level are 32-bit.
            let too_wide = last.end - before.first > u32::MAX as usize;
            if before.len() >= GROWTH * last.len() || too_wide {
                break;
            }
            let (first, end) = (before.first, last.end);
            self.levels.truncate(self.levels.len() - 2);
            let level = Level::build(self, first, end);
            self.levels.push(level);
        }
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

    #[test]
    fn levels_stay_few_and_geometric() {
        let mut index = HammingIndex::new(3);
        let mut h = 1u64;
        for _ in 0..100_000 {
            h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
            index.insert(h);
        }
        let sizes: Vec<usize> = index.levels.iter().map(Level::len).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= GROWTH * w[1]), "{sizes:?}");
        assert!(sizes.len() <= 5, "{sizes:?}");
        assert_eq!(
            sizes.iter().sum::<usize>() + index.hashes.len() - index.tail_start,
            100_000
        );
    }
}
