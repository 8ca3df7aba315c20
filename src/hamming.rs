//! The Hamming index: which stored simhashes lie within a few bits of a query.
//!
//! In the manner of Manku, Jain and Das Sarma (WWW 2007): the 64 bits are cut into `B` blocks;
//! two fingerprints within `k` bits of each other differ in at most `k` blocks, so they agree
//! exactly on at least `B − k` of them. One table per choice of `B − k` blocks, keyed by those
//! blocks' bits, finds every candidate; each candidate is then checked bit by bit. The answer
//! is exact: the same as comparing the query with every stored fingerprint.
//!
//! The tables are flat sorted arrays (a bucket directory and 32-bit entries), not hash maps:
//! at `k ≤ 3` a million fingerprints take about 26 bytes each. An entry's bits that its id
//! does not need hold a tag, a few more bits of the simhash, which sets most candidates aside
//! before their simhash is read. To take inserts without
//! re-sorting everything, fingerprints live in *levels* over consecutive id ranges, largest and
//! oldest first, as in a log-structured merge tree: new ids gather in a short tail that is
//! scanned directly, a full tail becomes a level, and a level is merged into the one before it
//! once it is no longer much smaller. A query probes every level (a handful at a million).

/// The widest tag an entry holds: its bits set are counted by table lookup ([`TAG_BITS_SET`]),
/// as the baseline x86-64 target has no popcount instruction.
const TAG_BITS: u32 = 12;

/// How many bits are set in each tag.
static TAG_BITS_SET: [u8; 1 << TAG_BITS] = {
    let mut table = [0u8; 1 << TAG_BITS];
    let mut i = 0;
    while i < table.len() {
        table[i] = (i as u32).count_ones() as u8;
        i += 1;
    }
    table
};

/// The width of the tags of a level whose ids take `offset_bits` of an entry's 32.
fn tag_bits(offset_bits: u32) -> u32 {
    (32 - offset_bits.min(32)).min(TAG_BITS)
}

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
    /// Each run's width as a mask of low bits.
    run_masks: [u64; 2],
}

impl Key {
    fn new(runs: [(u32, u32); 2]) -> Key {
        let mask = runs
            .iter()
            .fold(0, |mask, &(shift, width)| mask | (low_bits(width) << shift));
        Key {
            runs,
            mask,
            run_masks: runs.map(|(_, width)| low_bits(width)),
        }
    }

    fn bits(&self) -> u32 {
        self.runs[0].1 + self.runs[1].1
    }

    /// `width` bits of the simhash from just after the key's first run: an id whose tag
    /// differs from the query's in more than `k` bits differs in more than `k` in all, so most
    /// candidates are set aside without reading their simhash.
    #[inline]
    fn tag(&self, simhash: u64, width: u32) -> u32 {
        let (shift, run) = self.runs[0];
        (simhash.rotate_right((shift + run) % 64) & low_bits(width)) as u32
    }

    /// The directory bucket of a simhash: the low `dir_bits` of its key, runs packed together.
    /// A bucket may hold several keys (when the directory is smaller than the key space); the
    /// final distance check makes that harmless.
    #[inline]
    fn bucket(&self, simhash: u64, dir_mask: u64) -> usize {
        let [(s0, w0), (s1, _)] = self.runs;
        let [m0, m1] = self.run_masks;
        // A first run of all 64 bits (k = 0) leaves no room, and no second run.
        let second = ((simhash >> s1) & m1).checked_shl(w0).unwrap_or(0);
        let packed = ((simhash >> s0) & m0) | second;
        (packed & dir_mask) as usize
    }
}

/// How many tables a query reads the bucket bounds of at once (all of them up to k = 4).
const TABLES_AT_ONCE: usize = 16;

/// How many candidates a query gathers before it reads their simhashes.
const CANDIDATES_AT_ONCE: usize = 32;

/// Ids whose tags lie within the distance of the query's, with the table that found each,
/// gathered so that their simhashes are read together.
struct Candidates {
    ids: [(usize, usize); CANDIDATES_AT_ONCE],
    len: usize,
}

impl Default for Candidates {
    fn default() -> Candidates {
        Candidates {
            ids: [(0, 0); CANDIDATES_AT_ONCE],
            len: 0,
        }
    }
}

impl Candidates {
    /// Adds an id found by table `t`; true when the buffer is full and must be checked.
    fn push(&mut self, id: usize, t: usize) -> bool {
        self.ids[self.len] = (id, t);
        self.len += 1;
        self.len == self.ids.len()
    }

    /// Moves the candidates within the distance into `found`, and empties the buffer.
    fn check(&mut self, index: &HammingIndex, simhash: u64, found: &mut Vec<(usize, u32)>) {
        for &(id, t) in &self.ids[..self.len] {
            let differs = index.hashes[id] ^ simhash;
            // Only the first table whose key matches reports an id: the bucket may also hold
            // other keys, and later tables may match it again.
            if differs & index.keys[t].mask == 0
                && differs.count_ones() <= index.max_distance
                && index.keys[..t].iter().all(|k| differs & k.mask != 0)
                && index.is_live(id)
            {
                found.push((id, differs.count_ones()));
            }
        }
        self.len = 0;
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
    /// How many low bits of an entry hold the id (less `first`); the bits above hold a tag.
    offset_bits: u32,
    tables: Vec<Table>,
}

/// One table of a level: `entries[starts[b]..starts[b + 1]]` are the ids whose key falls in
/// bucket `b`, each packed with a tag: a few more bits of its simhash (see [`Key::tag`]).
#[derive(Clone, Debug)]
struct Table {
    starts: Vec<u32>,
    entries: Vec<u32>,
}

impl Level {
    fn build(index: &HammingIndex, first: usize, end: usize) -> Level {
        let ids: Vec<usize> = (first..end).filter(|&id| index.is_live(id)).collect();
        // About one id per bucket: a query's candidates are then mostly ids whose key matches.
        let dir_bits = (usize::BITS - ids.len().leading_zeros()).max(1);
        let offset_bits = (usize::BITS - (end - first).saturating_sub(1).leading_zeros()).max(1);
        let tag_bits = tag_bits(offset_bits);
        let tables = index
            .keys
            .iter()
            .map(|key| {
                let dir_bits = dir_bits.min(key.bits());
                let mut starts = vec![0u32; (1 << dir_bits) + 1];
                let buckets: Vec<usize> = ids
                    .iter()
                    .map(|&id| key.bucket(index.hashes[id], low_bits(dir_bits)))
                    .collect();
                // A counting sort: bucket sizes, then where each bucket starts.
                buckets.iter().for_each(|&b| starts[b + 1] += 1);
                for b in 1..starts.len() {
                    starts[b] += starts[b - 1];
                }
                let mut next = starts.clone();
                let mut entries = vec![0u32; ids.len()];
                for (&id, &b) in ids.iter().zip(&buckets) {
                    let tag = key.tag(index.hashes[id], tag_bits);
                    entries[next[b] as usize] =
                        tag.checked_shl(offset_bits).unwrap_or(0) | (id - first) as u32;
                    next[b] += 1;
                }
                Table { starts, entries }
            })
            .collect();
        Level {
            first,
            end,
            removed: 0,
            dir_bits,
            offset_bits,
            tables,
        }
    }

    fn len(&self) -> usize {
        self.end - self.first - self.removed
    }
}

impl HammingIndex {
    /// The largest distance an index answers for.
    ///
    /// ```
    /// use chaff::HammingIndex;
    /// assert_eq!(HammingIndex::new(20).max_distance(), HammingIndex::MAX_DISTANCE);
    /// ```
    pub const MAX_DISTANCE: u32 = 8;

    /// An empty index answering for distances up to `max_distance` (at most
    /// [`MAX_DISTANCE`](Self::MAX_DISTANCE); larger values are clamped to it).
    ///
    /// ```
    /// let index = chaff::HammingIndex::new(3);
    /// assert!(index.is_empty());
    /// assert_eq!(index.query(0), []);
    /// ```
    pub fn new(max_distance: u32) -> HammingIndex {
        let k = max_distance.min(Self::MAX_DISTANCE);
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
    ///
    /// ```
    /// assert_eq!(chaff::HammingIndex::new(3).max_distance(), 3);
    /// ```
    pub fn max_distance(&self) -> u32 {
        self.max_distance
    }

    /// Adds a simhash; returns its id (ids count up from 0 and are never reused).
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// assert_eq!(index.insert(0xFFFF), 0);
    /// assert_eq!(index.insert(0xFFFF), 1, "equal simhashes are stored under ids of their own");
    /// assert_eq!(index.query(0xFFFE), [(0, 1), (1, 1)]);
    /// ```
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
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// let id = index.insert(42);
    /// assert!(index.remove(id));
    /// assert!(!index.remove(id));
    /// assert_eq!(index.query(42), []);
    /// assert_eq!(index.insert(42), id + 1, "ids are never reused");
    /// ```
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

    /// Merges every level and the newest ids into one sorted level, so that a query probes
    /// each table once instead of once per level: for an index loaded in bulk and then
    /// queried. Answers do not change; ids inserted afterwards gather into new levels as before.
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// let ids: Vec<usize> = (0..1000u64).map(|i| index.insert(i.wrapping_mul(0x9E37_79B9_7F4A_7C15))).collect();
    /// let before = index.query(0x9E37_79B9_7F4A_7C15 ^ 0b101);
    /// index.compact();
    /// assert_eq!(index.query(0x9E37_79B9_7F4A_7C15 ^ 0b101), before);
    /// assert_eq!(before, [(ids[1], 2)]);
    /// ```
    pub fn compact(&mut self) {
        let first = self
            .levels
            .first()
            .map_or(self.tail_start, |level| level.first);
        let end = self.hashes.len();
        // Offsets within a level are 32-bit; a wider range keeps its levels.
        if end - first > u32::MAX as usize || (self.levels.len() <= 1 && self.tail_start == end) {
            return;
        }
        let level = Level::build(self, first, end);
        self.levels.clear();
        self.tail_start = end;
        if level.len() > 0 {
            self.levels.push(level);
        }
    }

    /// The simhash stored under an id, unless removed.
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// let id = index.insert(7);
    /// assert_eq!(index.get(id), Some(7));
    /// index.remove(id);
    /// assert_eq!(index.get(id), None);
    /// ```
    pub fn get(&self, id: usize) -> Option<u64> {
        self.is_live(id).then(|| self.hashes[id])
    }

    /// Every stored id within the index's distance of `simhash`, with its distance, by id.
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(2);
    /// let near = index.insert(0b1111_0000);
    /// let _far = index.insert(0b0000_1111);
    /// assert_eq!(index.query(0b1111_0011), [(near, 2)]);
    /// ```
    pub fn query(&self, simhash: u64) -> Vec<(usize, u32)> {
        let mut found: Vec<(usize, u32)> = Vec::new();
        for level in &self.levels {
            self.query_level(level, simhash, &mut found);
        }
        for id in self.tail_start..self.hashes.len() {
            let differs = self.hashes[id] ^ simhash;
            // Within the distance, some table's key matches: a test cheaper than counting bits.
            if self.keys.iter().any(|k| differs & k.mask == 0)
                && differs.count_ones() <= self.max_distance
                && self.is_live(id)
            {
                found.push((id, differs.count_ones()));
            }
        }
        found.sort_unstable();
        found
    }

    /// Adds a level's answers to `found`. At a million fingerprints a query's time is its
    /// cache misses (a bucket's bounds, its entries, its candidates' simhashes, in each table),
    /// so the tables are read in passes whose reads do not wait on each other: every table's
    /// bucket bounds, then every bucket's entries, then every candidate's simhash.
    fn query_level(&self, level: &Level, simhash: u64, found: &mut Vec<(usize, u32)>) {
        let offset_mask = low_bits(level.offset_bits) as u32;
        let tag_bits = tag_bits(level.offset_bits);
        let mut candidates = Candidates::default();
        for first in (0..self.keys.len()).step_by(TABLES_AT_ONCE) {
            let end = (first + TABLES_AT_ONCE).min(self.keys.len());
            let tables = || self.keys[first..end].iter().zip(&level.tables[first..end]);
            let mut bounds = [(0u32, 0u32); TABLES_AT_ONCE];
            for ((key, table), bound) in tables().zip(&mut bounds) {
                let bucket = key.bucket(simhash, low_bits(level.dir_bits.min(key.bits())));
                *bound = (table.starts[bucket], table.starts[bucket + 1]);
            }
            for (t, ((key, table), &(from, to))) in (first..).zip(tables().zip(&bounds)) {
                let tag = key.tag(simhash, tag_bits);
                for &entry in &table.entries[from as usize..to as usize] {
                    // Offsets take 1 to 32 bits: shifted as 64-bit, 32 leaves an empty tag.
                    let tag_differs = (u64::from(entry) >> level.offset_bits) as u32 ^ tag;
                    if u32::from(TAG_BITS_SET[tag_differs as usize]) <= self.max_distance {
                        let id = level.first + (entry & offset_mask) as usize;
                        if candidates.push(id, t) {
                            candidates.check(self, simhash, found);
                        }
                    }
                }
            }
        }
        candidates.check(self, simhash, found);
    }

    /// How many simhashes the index holds.
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// let id = index.insert(1);
    /// index.insert(2);
    /// index.remove(id);
    /// assert_eq!(index.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index holds none.
    ///
    /// ```
    /// let mut index = chaff::HammingIndex::new(3);
    /// let id = index.insert(1);
    /// assert!(!index.is_empty());
    /// index.remove(id);
    /// assert!(index.is_empty());
    /// ```
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
    use crate::fingerprint::hamming;

    #[test]
    fn tables_cover_every_pattern_of_k_differing_blocks() {
        assert_eq!(combinations(4, 1).len(), 4);
        assert_eq!(combinations(8, 2).len(), 28);
        for k in 0..=HammingIndex::MAX_DISTANCE {
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
    fn a_query_with_more_candidates_than_it_gathers_at_once_finds_them_all() {
        // 100 copies of one fingerprint and its 64 one-bit neighbours, every one a candidate
        // in every table of k = 8 (45 tables, read 16 at a time).
        for k in [1, 3, 8] {
            let mut index = HammingIndex::new(k);
            let base = 0x0123_4567_89AB_CDEFu64;
            let mut want = Vec::new();
            for id in 0..100 {
                index.insert(base);
                want.push((id, 0));
            }
            for bit in 0..64 {
                want.push((index.insert(base ^ (1 << bit)), 1));
            }
            index.compact();
            assert_eq!(index.query(base), want, "k = {k}");
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
