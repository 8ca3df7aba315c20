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

use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

use crate::dates;
use crate::lexicon;

/// Words per shingle for the simhash.
const SHINGLE_WORDS: usize = 3;
/// A long word counts as salient from this many characters.
const LONG_WORD_CHARS: usize = 6;

/// The normalised words of a text: case and accents folded, punctuation dropped.
///
/// ```
/// assert_eq!(chaff::fingerprint::words("L’Été, à Moscou!"), ["l", "ete", "a", "moscou"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    lexicon::fold(text)
        .unicode_words()
        .map(str::to_string)
        .collect()
}

/// The hashes of a text's word `n`-shingles, in order (one shingle for shorter texts).
///
/// ```
/// let a = chaff::fingerprint::shingles("the cat sat on the mat", 3);
/// assert_eq!(a.len(), 4);
/// assert_eq!(a, chaff::fingerprint::shingles("The cat, sat on THE mat.", 3));
/// ```
pub fn shingles(text: &str, n: usize) -> Vec<u64> {
    let words = words(text);
    let n = n.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let windows = words.len().saturating_sub(n) + 1;
    (0..windows)
        .map(|i| xxh3_64(words[i..(i + n).min(words.len())].join(" ").as_bytes()))
        .collect()
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
    let shingles = shingles(text, SHINGLE_WORDS);
    if shingles.is_empty() {
        return 0;
    }
    let mut counts = [0i32; 64];
    for h in shingles {
        for (bit, count) in counts.iter_mut().enumerate() {
            *count += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

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

/// Stories published further apart than this are different stories.
const DATE_WINDOW_DAYS: i64 = 7;

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
    /// The (month, day) dates the story names, sorted.
    pub(crate) dates: Vec<(u8, u8)>,
    /// The story's publication day, in days since 1970, when known.
    pub(crate) published: Option<i64>,
}

impl Fingerprint {
    /// Fingerprints a story from its title, text and publication date as written
    /// ("14 March 2025", "2025-03-14T09:30:00Z", "Publié le 7 juin 2025").
    pub fn new(title: Option<&str>, text: &str, date: Option<&str>) -> Fingerprint {
        let full = match title {
            Some(title) => format!("{title}\n{text}"),
            None => text.to_string(),
        };
        let mut features = salient_features(&full);
        features.sort_unstable();
        let mut merged: Vec<(u64, Feature, u32)> = Vec::with_capacity(features.len());
        for (hash, kind) in features {
            match merged.last_mut() {
                Some(last) if last.0 == hash => last.2 += 1,
                _ => merged.push((hash, kind, 1)),
            }
        }
        let mut dates: Vec<(u8, u8)> = dates::scan(&lexicon::fold(&full))
            .dates
            .iter()
            .map(|d| (d.month, d.day))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let published = date.and_then(|d| {
            dates::scan(&lexicon::fold(d))
                .dates
                .first()
                .and_then(|d| d.days())
        });
        Fingerprint {
            simhash: simhash(&full),
            features: merged,
            dates,
            published,
        }
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

    /// Whether the stories were published more than a week apart, or both name dates in their
    /// text and share none: then they report different events, whatever else they share.
    pub(crate) fn dates_conflict(&self, other: &Fingerprint) -> bool {
        if let (Some(a), Some(b)) = (self.published, other.published) {
            if a.abs_diff(b) > DATE_WINDOW_DAYS as u64 {
                return true;
            }
        }
        let near = |&(m1, d1): &(u8, u8), &(m2, d2): &(u8, u8)| m1 == m2 && d1 == d2;
        !self.dates.is_empty()
            && !other.dates.is_empty()
            && !self
                .dates
                .iter()
                .any(|a| other.dates.iter().any(|b| near(a, b)))
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
    while i < a.len() && j < b.len() {
        let (ka, kb) = keys(&a[i], &b[j]);
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                on_match(&a[i], &b[j]);
                i += 1;
                j += 1;
            }
        }
    }
}

fn feature(kind: Feature, key: &str) -> (u64, Feature) {
    let tag = match kind {
        Feature::Name => "n:",
        Feature::Date => "d:",
        Feature::Number => "#:",
        Feature::Word => "w:",
    };
    (xxh3_64(format!("{tag}{key}").as_bytes()), kind)
}

/// Names, dates, numbers and long words of a text, one entry per occurrence.
fn salient_features(text: &str) -> Vec<(u64, Feature)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let folded = lexicon::fold(line);
        for date in dates::scan(&folded).dates {
            out.push(feature(
                Feature::Date,
                &format!("{}-{}", date.month, date.day),
            ));
        }
        for word in folded.unicode_words() {
            if word.bytes().all(|b| b.is_ascii_digit()) {
                if word.len() >= 2 {
                    out.push(feature(Feature::Number, word));
                }
            } else if word.chars().count() >= LONG_WORD_CHARS && !lexicon::is_stopword(word) {
                out.push(feature(Feature::Word, word));
            }
        }
        names(line, &mut out);
    }
    out
}

/// Capitalised words that do not open a sentence, and runs of them as one name too.
/// Hyphenated names ("Saint-Aubrac", "Jean-Marie") are one word.
fn names(line: &str, out: &mut Vec<(u64, Feature)>) {
    let mut run: Vec<String> = Vec::new();
    let mut sentence_start = true;
    let mut after_hyphen = false;
    let flush = |run: &mut Vec<String>, out: &mut Vec<(u64, Feature)>| {
        out.extend(run.iter().map(|word| feature(Feature::Name, word)));
        if run.len() > 1 {
            out.push(feature(Feature::Name, &run.join(" ")));
        }
        run.clear();
    };
    for token in line.split_word_bounds() {
        let first = token.chars().next();
        if !first.is_some_and(char::is_alphanumeric) {
            after_hyphen = matches!(token, "-" | "‑");
            if token.contains(['.', '!', '?', ':', '•', '|', '\n']) {
                sentence_start = true;
                flush(&mut run, out);
            } else if !token.trim().is_empty() && !after_hyphen && !token.contains(['’', '\'']) {
                flush(&mut run, out);
            }
            continue;
        }
        let folded = lexicon::fold(token);
        let capitalised = first.is_some_and(char::is_uppercase) && !lexicon::is_stopword(&folded);
        match run.last_mut() {
            Some(last) if after_hyphen && capitalised => {
                last.push('-');
                last.push_str(&folded);
            }
            _ if capitalised && !sentence_start => run.push(folded),
            _ => flush(&mut run, out),
        }
        after_hyphen = false;
        sentence_start = false;
    }
    flush(&mut run, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simhash_is_pinned() {
        // Golden values: a change here breaks every stored fingerprint.
        assert_eq!(simhash(""), 0);
        assert_eq!(simhash("one two three"), xxh3_64(b"one two three"));
    }

    #[test]
    fn names_skip_sentence_openers_and_keep_runs() {
        let mut out = Vec::new();
        names(
            "Le ministre Abdoulaye Diop a reçu Sergey Lavrov. Moscou est loin, à Saint-Aubrac.",
            &mut out,
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
        .map(|k| feature(Feature::Name, k))
        .collect();
        assert_eq!(out, want);
    }
}
