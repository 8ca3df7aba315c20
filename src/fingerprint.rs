//! Fingerprints: what a story is made of, for telling which stories are the same.
//!
//! Two kinds, for two questions:
//! - a 64-bit **simhash** over normalised word 3-shingles, for copies and light rewrites
//!   (near-duplicates): copies differ in a few bits;
//! - **salient features**, for the same event told in other words: names (capitalised words
//!   inside sentences, and runs of them), dates, numbers and long words, each weighted.
//!
//! Hashing uses xxh3, whose output is fixed by its specification, so fingerprints stored today
//! compare equal to fingerprints computed by a later build.
//!
//! ```
//! use chaff::fingerprint::{hamming, simhash};
//! let story = "The council of Port Averne voted on Tuesday to rebuild the Kessler harbour wall before \
//!     the winter storms, the mayor Daniel Ruiz said after the meeting. Work is to start in March \
//!     and last eight months, during which the ferry will berth at the old fish quay.";
//! // A copy set in other case, punctuation and spacing is the same text to the simhash...
//! let copy = story.to_uppercase().replace(", ", " -- ");
//! assert_eq!(hamming(simhash(story), simhash(&copy)), 0);
//! // ...while a retelling of the same story is as far as any other text.
//! let retold = "Daniel Ruiz, mayor of Port Averne, says the Kessler harbour wall will be rebuilt from March.";
//! assert!(hamming(simhash(story), simhash(retold)) > 3);
//! // Salient features find the retelling: see chaff::StoryIndex.
//! ```

use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use crate::dates;
use crate::lexicon::{self, NameWord};

/// Words per shingle for the simhash.
pub(crate) const SHINGLE_WORDS: usize = 3;
/// A long word counts as salient from this many characters.
const LONG_WORD_CHARS: usize = 6;

/// The normalised words of a text: case and accents folded, punctuation dropped.
///
/// ```
/// assert_eq!(chaff::fingerprint::words("L’Été, à Moscou!"), ["l", "ete", "a", "moscou"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    lexicon::folded_words(&lexicon::fold(text))
        .map(str::to_string)
        .collect()
}

/// MurmurHash3's 64-bit finaliser: every input bit moves about half the output bits.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Shingle hashes from word hashes (one shingle for texts shorter than `n` words).
fn shingle_hashes(words: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    let n = n.max(1);
    let windows = if words.is_empty() {
        0
    } else {
        words.len().saturating_sub(n) + 1
    };
    (0..windows).map(move |i| shingle(&words[i..(i + n).min(words.len())]))
}

/// A shingle's hash: its words' hashes rotated by position, so that order counts, then mixed.
fn shingle(words: &[u64]) -> u64 {
    mix(words
        .iter()
        .enumerate()
        .fold(0u64, |h, (k, w)| h ^ w.rotate_left((k as u32 * 21) % 64)))
}

/// The hashes of a text's word `n`-shingles, in order (one shingle for shorter texts).
///
/// ```
/// let a = chaff::fingerprint::shingles("the cat sat on the mat", 3);
/// assert_eq!(a.len(), 4);
/// assert_eq!(a, chaff::fingerprint::shingles("The cat, sat on THE mat.", 3));
/// ```
pub fn shingles(text: &str, n: usize) -> Vec<u64> {
    let mut words = Vec::new();
    lexicon::for_each_folded_word(text, &mut String::new(), |w| {
        words.push(xxh3_64(w));
    });
    shingle_hashes(&words, n).collect()
}

/// The 64-bit simhash of a text over its word 3-shingles; 0 for a text without words.
///
/// ```
/// use chaff::fingerprint::{hamming, simhash};
/// let a = simhash("Ministers met in Moscow on Wednesday to discuss trade, energy and security in the Sahel region.");
/// let b = simhash("Ministers met in Moscow on Wednesday to discuss trade, energy and security in the Sahel area.");
/// let c = simhash("The football season opens next week with a derby between the two city clubs.");
/// assert!(hamming(a, b) < hamming(a, c));
/// ```
pub fn simhash(text: &str) -> u64 {
    let mut simhasher = Simhasher::new();
    lexicon::for_each_folded_word(text, &mut String::new(), |word| {
        simhasher.push_word(xxh3_64(word));
    });
    simhasher.finish()
}

/// A simhash built a word hash at a time: each bit is set when most shingles set it.
///
/// Bits are counted by position the Harley–Seal way (Klarqvist, Muła and Lemire, "Efficient
/// computation of positional population counts using SIMD instructions", 2019): shingles wait
/// in blocks of [`BLOCK`], a tree of carry-save adders sums a block into bit planes of weight
/// 1, 2, 4 and 8 in fifteen steps of five operations, and only the carry of weight 16 is
/// counted in byte lanes, once a block: 21 instructions a shingle, where counting each shingle
/// in the lanes took 44.
struct Simhasher {
    /// The last `SHINGLE_WORDS` word hashes, oldest first.
    window: [u64; SHINGLE_WORDS],
    words: usize,
    block: [u64; BLOCK],
    in_block: usize,
    /// Bit `b` of `planes[i]` is bit `i` of the count of bit `b` not yet in `sixteens`.
    planes: [u64; PLANES],
    /// Counts the carries of weight 16, eight bits to an addition: lane k counts bit k of
    /// each of the carry's bytes, one byte of the lane per byte of the carry (a shift and a
    /// mask, no table, and the eight lanes fit vector registers); lanes are emptied into
    /// `sixteens` before a byte overflows.
    lanes: [u64; 8],
    pending: u32,
    sixteens: [u32; 64],
    shingles: u32,
}

/// Bit planes the carry-save tree keeps: weights 1, 2, 4 and 8.
const PLANES: usize = 4;
/// Shingles summed by one pass of the tree: the carry out of the last plane weighs this much.
const BLOCK: usize = 1 << PLANES;

impl Simhasher {
    fn new() -> Simhasher {
        Simhasher {
            window: [0; SHINGLE_WORDS],
            words: 0,
            block: [0; BLOCK],
            in_block: 0,
            planes: [0; PLANES],
            lanes: [0; 8],
            pending: 0,
            sixteens: [0; 64],
            shingles: 0,
        }
    }

    fn push_word(&mut self, hash: u64) {
        // A plain loop, not rotate_left: the compiler unrolls it in every build, where
        // rotate_left stayed a call to a memmove in some.
        for i in 1..SHINGLE_WORDS {
            self.window[i - 1] = self.window[i];
        }
        self.window[SHINGLE_WORDS - 1] = hash;
        self.words += 1;
        if self.words >= SHINGLE_WORDS {
            self.count(shingle(&self.window));
        }
    }

    fn count(&mut self, shingle: u64) {
        // `in_block` is below BLOCK: the modulo only spares a bounds check.
        self.block[self.in_block % BLOCK] = shingle;
        self.in_block += 1;
        self.shingles += 1;
        if self.in_block == BLOCK {
            self.add_block();
        }
    }

    /// Sums the block into the planes and counts the carry out.
    fn add_block(&mut self) {
        let mut carries = self.block;
        self.in_block = 0;
        let mut width = BLOCK;
        for plane in &mut self.planes {
            // Each step adds two words of this plane's weight to it: what overflows is one
            // word of twice the weight, for the next plane.
            for i in 0..width / 2 {
                let (a, b) = (carries[2 * i], carries[2 * i + 1]);
                let either = *plane ^ a;
                carries[i] = (*plane & a) | (either & b);
                *plane = either ^ b;
            }
            width /= 2;
        }
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (carries[0] >> k) & LOW_BIT_OF_EACH_BYTE;
        }
        self.pending += 1;
        if self.pending == 255 {
            self.drain();
        }
    }

    fn drain(&mut self) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            for byte in 0..8 {
                self.sixteens[8 * byte + k] += (*lane >> (8 * byte)) as u32 & 0xFF;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// How many shingles set each bit.
    fn bit_counts(&mut self) -> [u32; 64] {
        if self.in_block > 0 {
            // Zeros add nothing.
            self.block[self.in_block..].fill(0);
            self.add_block();
        }
        self.drain();
        std::array::from_fn(|bit| {
            let low = self
                .planes
                .iter()
                .enumerate()
                .map(|(weight, plane)| ((plane >> bit) as u32 & 1) << weight)
                .sum::<u32>();
            self.sixteens[bit] * BLOCK as u32 + low
        })
    }

    fn finish(mut self) -> u64 {
        // A text shorter than a shingle is one shingle of all its words.
        if (1..SHINGLE_WORDS).contains(&self.words) {
            let words = &self.window[SHINGLE_WORDS - self.words..];
            self.count(shingle(words));
        }
        let total = self.shingles;
        self.bit_counts()
            .iter()
            .enumerate()
            .filter(|&(_, &c)| 2 * c > total)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
    }
}

/// Bit 0 of each of a word's eight bytes.
const LOW_BIT_OF_EACH_BYTE: u64 = 0x0101_0101_0101_0101;

/// The number of bits in which two simhashes differ.
///
/// ```
/// assert_eq!(chaff::fingerprint::hamming(0b1011, 0b0010), 2);
/// ```
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// What kind of salient feature a hash stands for; kinds weigh differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Feature {
    Name,
    Date,
    Number,
    Word,
}

impl Feature {
    /// Names, dates and numbers say which event a story reports; long words only what about.
    pub(crate) fn is_evidence(self) -> bool {
        self != Feature::Word
    }

    pub(crate) fn weight(self) -> f32 {
        match self {
            Feature::Name => 3.0,
            Feature::Date => 3.0,
            Feature::Number => 1.5,
            Feature::Word => 1.0,
        }
    }
}

/// A story's most named name is central to it from this many mentions.
const CENTRAL_MENTIONS: u32 = 3;

/// A story's fingerprint: its simhash, its salient features and its dates.
///
/// ```
/// let f = chaff::Fingerprint::new(Some("Lavrov meets Diop"), "On 28 February Sergey Lavrov received Abdoulaye Diop in Moscow.", None);
/// assert_eq!(f.simhash, chaff::fingerprint::simhash("Lavrov meets Diop\nOn 28 February Sergey Lavrov received Abdoulaye Diop in Moscow."));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Fingerprint {
    /// The simhash of the title and text.
    pub simhash: u64,
    /// Salient features: hash, kind, and how often the story names it; sorted by hash.
    pub(crate) features: Vec<(u64, Feature, u32)>,
    /// The words of its names and numbers: what evidence shows.
    labels: Labels,
    /// Who or what the story is about: its most named one-word names (ties included), when
    /// named at least [`CENTRAL_MENTIONS`] times; found once here for every comparison.
    central: Vec<u64>,
    /// The (month, day) dates the story names, sorted.
    pub(crate) dates: Vec<(u8, u8)>,
    /// The story's publication day, in days since 1970, when known.
    pub(crate) published: Option<i64>,
}

impl Fingerprint {
    /// Fingerprints a story from its title, text and publication date as written
    /// ("14 March 2025", "2025-03-14T09:30:00Z", "Publié le 7 juin 2025").
    ///
    /// ```
    /// use chaff::{Fingerprint, StoryIndex};
    /// // Two reports of one meeting, published on the days given: linked only if on one day.
    /// let reported_on = |first: &str, second: &str| {
    ///     let mut index = StoryIndex::with_date_window(0);
    ///     index.insert_fingerprint(Fingerprint::new(None, "On 28 February 2024 Sergey Lavrov received Abdoulaye Diop of Mali in Moscow.", Some(first)));
    ///     index.insert_fingerprint(Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow on 28 February 2024.", Some(second)));
    ///     index.clusters().len()
    /// };
    /// // Dates are read in any supported language and format.
    /// assert_eq!(reported_on("28 février 2024", "2024-02-28T09:30:00Z"), 1);
    /// assert_eq!(reported_on("28 février 2024", "2024-02-29T09:30:00Z"), 0);
    /// ```
    pub fn new(title: Option<&str>, text: &str, date: Option<&str>) -> Fingerprint {
        // One pass over the lines, each word hashed once for both the simhash and the salient
        // features, read as the simhash reads them; a line is folded for its dates only if its
        // words hold a digit (most lines hold none).
        let (mut folded, mut token) = (String::new(), String::new());
        let mut scratch = String::new();
        let mut name_buffers = NameBuffers::default();
        let mut simhasher = Simhasher::new();
        let mut found = Found {
            features: Vec::with_capacity(text.len() / 16),
            ..Found::default()
        };
        let mut dates: Vec<(u8, u8)> = Vec::new();
        for line in title.into_iter().chain([text]).flat_map(str::lines) {
            let (ascii_digit, ascii) = line.bytes().fold((false, true), |(digit, ascii), b| {
                (digit | b.is_ascii_digit(), ascii & b.is_ascii())
            });
            // Only a character outside ASCII may fold to a digit ("２", "²").
            let mut folded_digit = false;
            lexicon::for_each_folded_word(line, &mut token, |word| {
                let hash = xxh3_64(word);
                simhasher.push_word(hash);
                if !ascii && !ascii_digit {
                    folded_digit |= word.iter().any(u8::is_ascii_digit);
                }
                // Numbers are read from the line as written, below: folding loses separators.
                if is_long(word)
                    && !word.iter().all(u8::is_ascii_digit)
                    && !lexicon::is_stopword_key(hash)
                {
                    found.add(Feature::Word, hash);
                }
            });
            if ascii_digit || folded_digit {
                lexicon::fold_into(&mut folded, line);
                for date in dates::scan(&folded).dates {
                    dates.push((date.month, date.day));
                    found.add(
                        Feature::Date,
                        u64::from(date.month) << 8 | u64::from(date.day),
                    );
                }
            }
            // A number of zeros alone is the tail of one cut at its separator ("120, 000").
            numbers(line, &mut scratch, |number| {
                if number.len() >= 2 && number.bytes().any(|b| b != b'0') {
                    found.add_labelled(Feature::Number, xxh3_64(number.as_bytes()), number);
                }
            });
            names(line, &mut found, &mut name_buffers);
        }
        let labels = found.labels();
        let mut features = found.features;
        features.sort_unstable();
        let mut merged: Vec<(u64, Feature, u32)> = Vec::with_capacity(features.len());
        for (hash, kind) in features {
            match merged.last_mut() {
                Some(last) if last.0 == hash => last.2 += 1,
                _ => merged.push((hash, kind, 1)),
            }
        }
        dates.sort_unstable();
        dates.dedup();
        let published = date.and_then(|d| {
            dates::scan(&lexicon::fold(d))
                .dates
                .first()
                .and_then(|d| d.days())
        });
        let mut fingerprint = Fingerprint {
            simhash: simhasher.finish(),
            features: merged,
            labels,
            central: Vec::new(),
            dates,
            published,
        };
        fingerprint.central = fingerprint.central_names();
        fingerprint
    }

    /// Fingerprints a story of a cleaned page.
    ///
    /// ```
    /// let page = chaff::clean_text("Bridge reopens\nThe bridge over the harbour reopened to traffic on Friday after eight months of repairs, and the first buses crossed it a few minutes after the ceremony.\n");
    /// let story = &page.stories[0];
    /// let f = chaff::Fingerprint::of(story);
    /// assert_eq!(f, chaff::Fingerprint::new(story.title.as_deref(), &story.text, story.date.as_deref()));
    /// ```
    pub fn of(story: &crate::Story) -> Fingerprint {
        Fingerprint::new(story.title.as_deref(), &story.text, story.date.as_deref())
    }

    /// The words of a name or number feature, if the story names it.
    pub(crate) fn label(&self, hash: u64) -> Option<&str> {
        self.labels.get(hash)
    }

    /// How many distinct names, dates and numbers both stories name.
    pub(crate) fn shared_evidence(&self, other: &Fingerprint) -> usize {
        let mut shared = 0;
        for_each_match(
            &self.features,
            &other.features,
            |a, b| (a.0, b.0),
            |a, _| shared += usize::from(a.1.is_evidence()),
        );
        shared
    }

    /// The story's central names, from its features and labels.
    fn central_names(&self) -> Vec<u64> {
        let one_word_names = || {
            self.features
                .iter()
                .filter(|f| f.1 == Feature::Name)
                .filter(|f| self.label(f.0).is_some_and(|l| !l.contains(' ')))
                .map(|f| (f.0, f.2))
        };
        let most = one_word_names().map(|(_, count)| count).max().unwrap_or(0);
        one_word_names()
            .filter(|&(_, count)| count == most && count >= CENTRAL_MENTIONS)
            .map(|(hash, _)| hash)
            .collect()
    }

    /// Whether each story is about someone the other never names: then they likely report
    /// different events (the same boxer against two opponents, one player's offers from two
    /// clubs).
    pub(crate) fn participants_differ(&self, other: &Fingerprint) -> bool {
        let names =
            |f: &Fingerprint, hash: u64| f.features.binary_search_by_key(&hash, |x| x.0).is_ok();
        self.central.iter().any(|&h| !names(other, h))
            && other.central.iter().any(|&h| !names(self, h))
    }

    /// How many days apart the stories were published, when both dates are known.
    pub(crate) fn days_apart(&self, other: &Fingerprint) -> Option<u64> {
        Some(self.published?.abs_diff(other.published?))
    }

    /// Whether both stories name dates in their text and share none: a sign of two events (two
    /// ceremonies on different days), not a proof, since reports also name earlier days.
    pub(crate) fn dates_differ(&self, other: &Fingerprint) -> bool {
        !self.dates.is_empty()
            && !other.dates.is_empty()
            && !self.dates.iter().any(|a| other.dates.contains(a))
    }
}

/// Calls `on_match` for every pair of items with equal keys in two lists sorted by key; `keys`
/// gives the keys of an item of each list.
pub(crate) fn for_each_match<A, B>(
    a: &[A],
    b: &[B],
    keys: impl Fn(&A, &B) -> (u64, u64),
    mut on_match: impl FnMut(&A, &B),
) {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        let (ka, kb) = keys(x, y);
        if ka == kb {
            on_match(x, y);
        }
        // Both steps without a branch: which list moves on is a coin toss the processor
        // would mispredict half the time.
        i += usize::from(ka <= kb);
        j += usize::from(kb <= ka);
    }
}

/// A feature's hash: its key's hash, mixed with a seed of its kind so that kinds never meet.
fn feature(kind: Feature, key: u64) -> (u64, Feature) {
    let seed = match kind {
        Feature::Name => 0x6e61_6d65,
        Feature::Date => 0x6461_7465,
        Feature::Number => 0x6e75_6d62,
        Feature::Word => 0x776f_7264,
    };
    (mix(key ^ seed), kind)
}

/// News stories run to about this many words: a word that makes up a share `s` of its
/// language's words is then in a share `1 - e^(-400 s)` of stories (Poisson).
const STORY_WORDS: f32 = 400.0;

/// The share of news stories that use the word of a [`Feature::Word`] hash, as its language's
/// frequency says ([`lexicon::common_words`]: wordfreq's lists in eight languages, the most a
/// language gives when several use it); 0 for a word no list holds as common. An index learns
/// rarity from its own stories, but a small one has not seen enough of them to know that
/// "government" is common and "avalanche" is not.
pub(crate) fn language_story_share(feature_hash: u64) -> f32 {
    static SHARES: OnceLock<lexicon::Map<f32>> = OnceLock::new();
    let shares = SHARES.get_or_init(|| {
        let mut shares = lexicon::Map::default();
        for (word, word_share) in lexicon::common_words() {
            let (hash, _) = feature(Feature::Word, xxh3_64(word.as_bytes()));
            let story_share = 1.0 - (-word_share * STORY_WORDS).exp();
            let entry = shares.entry(hash).or_insert(story_share);
            *entry = entry.max(story_share);
        }
        shares
    });
    shares.get(&feature_hash).copied().unwrap_or(0.0)
}

/// Salient features as a story's lines are read, and the words of its names and numbers.
#[derive(Default)]
struct Found {
    features: Vec<(u64, Feature)>,
    /// Feature hash and where its words lie in `label_text`: one buffer for every sighting, so
    /// that a recurring name costs no allocation.
    labels: Vec<(u64, std::ops::Range<usize>)>,
    label_text: String,
}

impl Found {
    fn add(&mut self, kind: Feature, key: u64) {
        self.features.push(feature(kind, key));
    }

    /// Adds a feature keyed by the hash of `words`, labelled with them.
    fn add_labelled(&mut self, kind: Feature, key: u64, words: &str) {
        let (hash, kind) = feature(kind, key);
        self.features.push((hash, kind));
        let start = self.label_text.len();
        self.label_text.push_str(words);
        self.labels.push((hash, start..self.label_text.len()));
    }

    /// Takes back the last feature added (and its label).
    fn pop(&mut self) {
        if let Some((hash, _)) = self.features.pop() {
            if self.labels.last().is_some_and(|(h, _)| *h == hash) {
                self.labels.pop();
            }
        }
    }

    /// Each labelled feature's words once.
    fn labels(&mut self) -> Labels {
        self.labels.sort_unstable_by_key(|(hash, _)| *hash);
        self.labels.dedup_by_key(|(hash, _)| *hash);
        let mut text = String::with_capacity(self.labels.iter().map(|(_, r)| r.len()).sum());
        let mut at = Vec::with_capacity(self.labels.len());
        for (hash, range) in &self.labels {
            let start = text.len();
            text.push_str(&self.label_text[range.clone()]);
            at.push((*hash, start..text.len()));
        }
        Labels {
            at,
            text: text.into_boxed_str(),
        }
    }
}

/// Words by feature hash, in one buffer: a story's labels cost two allocations, not one each.
#[derive(Clone, Debug, PartialEq)]
struct Labels {
    /// Feature hash and where its words lie in `text`, sorted by hash.
    at: Vec<(u64, std::ops::Range<usize>)>,
    text: Box<str>,
}

impl Labels {
    fn get(&self, hash: u64) -> Option<&str> {
        let at = self.at.binary_search_by_key(&hash, |(h, _)| *h).ok()?;
        self.text.get(self.at[at].1.clone())
    }
}

/// Calls `on_number` with each number of `line` written in ASCII digits and standing as a
/// word (not in "F16" or "10th"), in one form whatever the language's separators: thousands
/// run together ("35,000", "35.000", "35 000" are "35000"), a decimal part follows a point
/// ("5.6" and "5,6" are "5.6"), and digits grouped otherwise are numbers each ("28.02.2024" is
/// 28, 02 and 2024). `form` is scratch space.
///
/// A magnitude, a share or a sum told with a decimal part is among a report's most telling
/// facts, and "000" is no number at all.
fn numbers(line: &str, form: &mut String, mut on_number: impl FnMut(&str)) {
    let bytes = line.as_bytes();
    let mut groups = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
    {
        let start = at + offset;
        let mut before = line[..start].chars().rev();
        let in_word = match before.next() {
            // "v2.0.1" is one word.
            Some('.' | ',') => before.next().is_some_and(char::is_alphanumeric),
            Some(c) => c.is_alphanumeric(),
            None => false,
        };
        let end = digit_groups(line, start, &mut groups);
        // Followed by a letter, the digits are part of a word ("10th", "5x"): no number.
        if !in_word && !line[end..].starts_with(char::is_alphanumeric) {
            read_number(&groups, form);
            if form.is_empty() {
                groups.iter().for_each(|&(_, digits)| on_number(digits));
            } else {
                on_number(form);
            }
        }
        at = end;
    }
}

/// The digit groups that start at `at`, each after its separator (a space before the first),
/// into `groups`, and where they end: groups are joined by a point or a comma, or by a space
/// before three digits that end the number ("35 000").
fn digit_groups<'a>(line: &'a str, at: usize, groups: &mut Vec<(char, &'a str)>) -> usize {
    let digits_at = |i: usize| line[i..].bytes().take_while(u8::is_ascii_digit).count();
    groups.clear();
    let (mut separator, mut end) = (' ', at);
    loop {
        let digits = digits_at(end);
        groups.push((separator, &line[end..end + digits]));
        end += digits;
        let Some(next) = line[end..].chars().next() else {
            break;
        };
        let after = end + next.len_utf8();
        let joined = match next {
            '.' | ',' => digits_at(after) > 0,
            ' ' | '\u{a0}' | '\u{202f}' => {
                digits_at(after) == 3 && !line[after + 3..].starts_with(char::is_alphanumeric)
            }
            _ => false,
        };
        if !joined {
            break;
        }
        (separator, end) = (next, after);
    }
    end
}

/// The one form of the number written in `groups`, or an empty `form` when they are not one
/// number (or just one group).
fn read_number(groups: &[(char, &str)], form: &mut String) {
    form.clear();
    let Some((&(_, first), rest)) = groups.split_first() else {
        return;
    };
    let Some(&(thousands, _)) = rest.first() else {
        return;
    };
    // A decimal part follows the last point or comma, unless that separates thousands: three
    // digits after the only one ("35,000", "35.000"), or the same as the one before.
    let (whole, decimal) = match rest.split_last() {
        Some((&(separator, digits), whole))
            if matches!(separator, '.' | ',')
                && if whole.is_empty() {
                    digits.len() != 3
                } else {
                    separator != thousands
                } =>
        {
            (whole, Some(digits))
        }
        _ => (rest, None),
    };
    let in_thousands = whole
        .iter()
        .all(|&(separator, digits)| separator == thousands && digits.len() == 3);
    if !in_thousands || (!whole.is_empty() && first.len() > 3) {
        return;
    }
    form.push_str(first);
    whole.iter().for_each(|&(_, digits)| form.push_str(digits));
    if let Some(digits) = decimal {
        form.push('.');
        form.push_str(digits);
    }
}

/// Whether the folded word `first`, followed by `rest`, opens a two-word title: `rest` starts
/// with a space and the title's second word ("Premier" in "le Premier ministre"). `scratch`
/// is scratch space.
fn opens_a_title(first: &str, rest: &str, scratch: &mut [String; 2]) -> bool {
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let [second, phrase] = scratch;
    let word = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    lexicon::fold_into(second, word);
    lexicon::is_two_word_title(first, second, phrase)
}

/// Where the first letter or digit of `text` stands: ASCII bytes are looked at as they are,
/// and only the others decoded (a line's gaps are mostly one space).
fn next_alphanumeric(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii_alphanumeric() {
            return Some(at);
        }
        if b.is_ascii() {
            at += 1;
            continue;
        }
        let c = text.get(at..).and_then(|rest| rest.chars().next())?;
        if c.is_alphanumeric() {
            return Some(at);
        }
        at += c.len_utf8();
    }
    None
}

/// The buffers [`names`] reuses from line to line: the run of name words, the word being
/// folded, and the two [`opens_a_title`] folds into.
#[derive(Default)]
struct NameBuffers {
    run: String,
    word: String,
    title: [String; 2],
}

/// Whether a folded word (UTF-8) has at least [`LONG_WORD_CHARS`] characters: its bytes but
/// those that continue a character.
fn is_long(word: &[u8]) -> bool {
    word.len() >= LONG_WORD_CHARS
        && word.iter().filter(|&&b| b & 0xC0 != 0x80).count() >= LONG_WORD_CHARS
}

/// The length of the word `text` opens: letters and digits, with an apostrophe between two
/// letters inside it ("O'Brien", "aujourd’hui"), as UAX #29 has it.
fn word_length(text: &str) -> usize {
    // Most words are ASCII letters and digits alone, counted a byte at a time; characters are
    // decoded only from an apostrophe or a non-ASCII character on.
    let ascii = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if text
        .as_bytes()
        .get(ascii)
        .is_none_or(|&b| b.is_ascii() && b != b'\'')
    {
        return ascii;
    }
    let mut end = ascii;
    let mut chars = text[ascii..]
        .char_indices()
        .map(|(i, c)| (ascii + i, c))
        .peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = i + c.len_utf8();
        } else if matches!(c, '\'' | '’')
            && end == i
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Capitalised words that do not open a sentence, and runs of them as one name too; titles
/// ("Governor", "Frau") are left out and end a run.
/// Hyphenated names ("Saint-Aubrac", "Jean-Marie") are one word. `run` is scratch space: the
/// current run's words, space-separated.
///
/// Words are runs of letters and digits: capitalisation marks names only in scripts that
/// separate words, so no segmentation by dictionary is needed here.
fn names(line: &str, out: &mut Found, buffers: &mut NameBuffers) {
    let NameBuffers {
        run,
        word,
        title: scratch,
    } = buffers;
    run.clear();
    let (mut run_words, mut last_word_start) = (0usize, 0usize);
    let mut sentence_start = true;
    let name = |out: &mut Found, words: &str| {
        out.add_labelled(Feature::Name, xxh3_64(words.as_bytes()), words);
    };
    let flush = |run: &mut String, run_words: &mut usize, out: &mut Found| {
        if *run_words > 1 {
            name(out, run);
        }
        run.clear();
        *run_words = 0;
    };
    let mut rest = line;
    while let Some(start) = next_alphanumeric(rest) {
        let gap = &rest[..start];
        let after_hyphen = matches!(gap, "-" | "‑");
        if gap.contains(['.', '!', '?', ':', '•', '|']) {
            sentence_start = true;
            flush(run, &mut run_words, out);
        } else if !gap.trim().is_empty() && !after_hyphen && !gap.contains(['’', '\'']) {
            flush(run, &mut run_words, out);
        }
        let token_len = word_length(&rest[start..]);
        let token = &rest[start..start + token_len];
        rest = &rest[start + token_len..];
        // Only capitalised words are folded: the others just end a run, and so do titles
        // ("Governor Sarah Palin" names Sarah Palin, "le Premier ministre" nobody).
        let capitalised = token.starts_with(char::is_uppercase) && {
            lexicon::fold_into(word, token);
            match lexicon::name_word(word) {
                NameWord::No => false,
                NameWord::Yes => true,
                NameWord::UnlessTitled => !opens_a_title(word, rest, scratch),
            }
        };
        if run_words > 0 && after_hyphen && capitalised {
            // The hyphenated word replaces its first half.
            out.pop();
            run.push('-');
            run.push_str(word);
            name(out, &run[last_word_start..]);
        } else if capitalised && !sentence_start {
            if run_words > 0 {
                run.push(' ');
            }
            last_word_start = run.len();
            run.push_str(word);
            run_words += 1;
            name(out, word);
        } else {
            flush(run, &mut run_words, out);
        }
        sentence_start = false;
    }
    flush(run, &mut run_words, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_runs_over_apostrophes_between_letters_and_any_script() {
        let words = [
            ("Kessler said", "Kessler"),
            ("O'Brien's car", "O'Brien's"),
            ("aujourd’hui, à", "aujourd’hui"),
            ("Zürich-based", "Zürich"),
            ("l'été", "l'été"),
            ("Diop'", "Diop"),
            ("10th", "10th"),
            ("Москва.", "Москва"),
        ];
        for (text, word) in words {
            assert_eq!(&text[..word_length(text)], word, "{text}");
        }
    }

    #[test]
    fn dates_are_read_however_the_line_writes_its_digits() {
        let dates = |text: &str| Fingerprint::new(None, text, None).dates;
        assert_eq!(
            dates("Lavrov received Diop on 28 February 2024."),
            [(2, 28)]
        );
        assert_eq!(dates("Lavrov a reçu Diop le 28 février 2024."), [(2, 28)]);
        assert_eq!(
            dates("Lavrov a reçu Diop le ２８ février ２０２４."),
            [(2, 28)]
        );
        assert_eq!(dates("Lavrov a reçu Diop en février."), []);
    }

    #[test]
    fn simhash_is_pinned() {
        // Golden values: a change here breaks every stored fingerprint.
        assert_eq!(simhash(""), 0);
        assert_eq!(
            simhash("one two three"),
            mix(xxh3_64(b"one")
                ^ xxh3_64(b"two").rotate_left(21)
                ^ xxh3_64(b"three").rotate_left(42))
        );
        assert_eq!(simhash("One, two: THREE!"), simhash("one two three"));
    }

    #[test]
    fn counting_by_planes_equals_counting_bit_by_bit() {
        // Lengths around a block, and past the 255 blocks after which the lanes are emptied.
        for shingles in [
            0,
            1,
            15,
            16,
            17,
            31,
            32,
            33,
            1000,
            255 * BLOCK,
            255 * BLOCK + 17,
        ] {
            let hashes: Vec<u64> = (0..shingles as u64).map(|i| mix(i ^ 0x5eed)).collect();
            let mut plain = [0u32; 64];
            for h in &hashes {
                (0..64).for_each(|bit| plain[bit] += (h >> bit) as u32 & 1);
            }
            let mut simhasher = Simhasher::new();
            hashes.iter().for_each(|&h| simhasher.count(h));
            assert_eq!(simhasher.bit_counts(), plain, "{shingles} shingles");
        }
    }

    #[test]
    fn participants_differ_when_each_story_is_about_someone_the_other_never_names() {
        let story = |text: &str| Fingerprint::new(None, text, None);
        let rahman = story(
            "The champion Klitschko met Rahman in Mannheim. On Saturday Klitschko beat Rahman easily. After the fight Klitschko praised Rahman.",
        );
        let thompson = story(
            "The champion Klitschko met Thompson in Bern. On Saturday Klitschko beat Thompson easily. After the fight Klitschko praised Thompson.",
        );
        let retold = story(
            "In Mannheim the champion Klitschko beat Rahman. The fans saw Klitschko win, and Klitschko thanked them.",
        );
        assert!(rahman.participants_differ(&thompson));
        assert!(thompson.participants_differ(&rahman));
        assert!(
            !rahman.participants_differ(&retold),
            "the retelling names Rahman once"
        );
    }

    /// The names of one line: their features in order, and each name's words once, sorted.
    fn names_of(line: &str) -> (Vec<(u64, Feature)>, Vec<String>) {
        let mut out = Found::default();
        names(line, &mut out, &mut NameBuffers::default());
        let found = out.labels();
        let mut labels: Vec<String> = found
            .at
            .iter()
            .map(|(_, range)| found.text[range.clone()].to_string())
            .collect();
        labels.sort();
        (out.features, labels)
    }

    #[test]
    fn names_skip_sentence_openers_and_keep_runs() {
        let (features, labels) = names_of(
            "Le ministre Abdoulaye Diop a reçu Sergey Lavrov. Moscou est loin, à Saint-Aubrac.",
        );
        let want: Vec<(u64, Feature)> = [
            "abdoulaye",
            "diop",
            "abdoulaye diop",
            "sergey",
            "lavrov",
            "sergey lavrov",
            "saint-aubrac",
        ]
        .iter()
        .map(|k| feature(Feature::Name, xxh3_64(k.as_bytes())))
        .collect();
        assert_eq!(features, want);
        assert_eq!(
            labels,
            [
                "abdoulaye",
                "abdoulaye diop",
                "diop",
                "lavrov",
                "saint-aubrac",
                "sergey",
                "sergey lavrov",
            ],
            "the words of each name once; \"saint\" was taken back"
        );
    }

    #[test]
    fn words_common_in_a_language_are_known_by_their_folded_form() {
        let share = |folded: &str| {
            language_story_share(feature(Feature::Word, xxh3_64(folded.as_bytes())).0)
        };
        // Zipf 5.57 in English: 10^-3.43 of words, in 1 - e^(-400 × 10^-3.43) of stories.
        assert!(
            (share("government") - 0.138).abs() < 0.001,
            "{}",
            share("government")
        );
        assert!(
            share("economie") > 0.0,
            "French \"économie\", its accent folded"
        );
        assert!(share("regierung") > 0.0);
        assert_eq!(share("avalanche"), 0.0, "rare in every language listed");
    }

    #[test]
    fn a_number_of_zeros_alone_is_no_feature() {
        let f = Fingerprint::new(
            None,
            "The island, home to 120, 000 people, lost 12 houses.",
            None,
        );
        let number = |digits: &str| feature(Feature::Number, xxh3_64(digits.as_bytes())).0;
        assert_eq!(f.label(number("120")), Some("120"));
        assert_eq!(f.label(number("12")), Some("12"));
        assert_eq!(f.label(number("000")), None);
    }

    #[test]
    fn numbers_read_as_one_whatever_the_separators() {
        let read = |line: &str| {
            let mut found = Vec::new();
            numbers(line, &mut String::new(), |n| found.push(n.to_string()));
            found
        };
        assert_eq!(
            read("35,000 in 2005, 35.000 or 35\u{202f}000"),
            ["35000", "2005", "35000", "35000"]
        );
        assert_eq!(
            read("a 5.6-magnitude quake, 5,6 en Richter"),
            ["5.6", "5.6"]
        );
        assert_eq!(
            read("$1,234.5 or 1.234,5 or 1 234,5; 1,234,567"),
            ["1234.5", "1234.5", "1234.5", "1234567"]
        );
        // Dates and times are numbers each, as before; a version is a word.
        assert_eq!(
            read("28.02.2024 at 10:30, v2.0.1"),
            ["28", "02", "2024", "10", "30"]
        );
        // Spaces join only thousands; words with digits hold no number.
        assert_eq!(
            read("In 2008 150 people, 10 000th visitor, F16 or 10th"),
            ["2008", "150", "10"]
        );
        assert_eq!(read("1, 2 and 3. 4"), ["1", "2", "3", "4"]);
    }

    #[test]
    fn names_leave_titles_out() {
        let (_, labels) =
            names_of("Yesterday Governor Sarah Palin met President Obama and Frau Merkel.");
        assert_eq!(labels, ["merkel", "obama", "palin", "sarah", "sarah palin"]);
        // A two-word title's first word is no name; alone, it may be one.
        let (_, labels) =
            names_of("Hier le Premier ministre Abdoulaye Maïga a reçu un club de Premier League.");
        assert_eq!(
            labels,
            [
                "abdoulaye",
                "abdoulaye maiga",
                "league",
                "maiga",
                "premier",
                "premier league"
            ]
        );
    }
}
