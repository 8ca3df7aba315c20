//! Near-copies of real articles are found: 1,000 copies of ECB+ news documents (at most 5% of
//! words changed, a paragraph dropped, or boilerplate added) must each be clustered with their
//! original, and no cluster may join articles about unrelated events (different ECB+ topics);
//! a MinHash index finds them too.

mod common;

use std::collections::HashMap;

struct Article {
    text: String,
    topic: i64,
}

fn articles() -> Vec<Article> {
    let rows = common::shared_rows("stories/ecbplus-dev.jsonl.gz")
        .expect("../shared must sit beside the repository");
    rows.iter()
        .filter_map(|row| {
            Some(Article {
                text: row["text"].as_str()?.to_string(),
                topic: row["topic"].as_i64()?,
            })
        })
        .filter(|a| a.text.split_whitespace().count() >= 150 && a.text.lines().count() >= 3)
        .collect()
}

/// A reproducible stream of numbers (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % below as u64) as usize
    }
}

const BOILERPLATE: &str = "Share this article on Facebook and Twitter.\nRead more: the latest news from our reporters.\n© 2025 The Daily Courier. All rights reserved.";
const REPLACEMENTS: &[&str] = &[
    "reportedly",
    "officials",
    "meanwhile",
    "several",
    "according",
    "local",
    "however",
    "later",
];

/// A near-copy: one of three kinds of edit, chosen by `kind`.
fn near_copy(text: &str, kind: usize, random: &mut Random) -> String {
    match kind {
        // Up to 5% of the words replaced.
        0 => {
            let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
            for _ in 0..words.len() / 20 {
                let at = random.next(words.len());
                words[at] = REPLACEMENTS[random.next(REPLACEMENTS.len())].to_string();
            }
            words.join(" ")
        }
        // A paragraph (not the first) dropped.
        1 => {
            let mut lines: Vec<&str> = text.lines().collect();
            let at = 1 + random.next(lines.len() - 1);
            lines.remove(at);
            lines.join("\n")
        }
        // Boilerplate added.
        _ => format!("{text}\n{BOILERPLATE}"),
    }
}

/// The 1,000 near-copies, each with the article it copies: five of each of the first 200,
/// the three kinds of edit in turn.
fn near_copies(articles: &[Article]) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut random = Random(2024);
    (0..1000).map(move |n| {
        let source = n % 200;
        (
            source,
            near_copy(&articles[source].text, n % 3, &mut random),
        )
    })
}

#[test]
fn a_thousand_near_copies_are_found_and_nothing_unrelated_is_joined() {
    let articles = articles();
    assert!(articles.len() >= 200, "{} articles", articles.len());
    let mut index = chaff::StoryIndex::new();
    let mut origin: Vec<usize> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        index.insert_fingerprint(chaff::Fingerprint::new(None, &article.text, None));
        origin.push(i);
    }
    for (source, copy) in near_copies(&articles) {
        index.insert_fingerprint(chaff::Fingerprint::new(None, &copy, None));
        origin.push(source);
    }
    let clusters = index.clusters();
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    for (c, cluster) in clusters.iter().enumerate() {
        for &m in &cluster.members {
            cluster_of.insert(m, c);
        }
        let topics: std::collections::BTreeSet<i64> = cluster
            .members
            .iter()
            .map(|&m| articles[origin[m]].topic)
            .collect();
        assert_eq!(
            topics.len(),
            1,
            "a cluster joins unrelated topics {topics:?}"
        );
    }
    let copies = articles.len()..origin.len();
    let found = copies
        .clone()
        .filter(|&c| {
            cluster_of
                .get(&c)
                .is_some_and(|k| cluster_of.get(&origin[c]) == Some(k))
        })
        .count();
    println!(
        "near-copies found with their original: {found}/{}",
        copies.len()
    );
    assert!(
        found * 100 >= copies.len() * 99,
        "found {found} of {}",
        copies.len()
    );
}

#[test]
fn a_thousand_near_copies_are_found_by_minhash_and_nothing_unrelated() {
    use chaff::minhash::{MinHash, MinHashIndex};
    let articles = articles();
    let mut index = MinHashIndex::new(COPY_JACCARD);
    for article in &articles {
        index.insert(MinHash::new(&article.text));
    }
    let (mut found, mut unrelated, mut lowest) = (0, 0, 1.0f32);
    for (source, copy) in near_copies(&articles) {
        let answer = index.query(&MinHash::new(&copy));
        if let Some(&(_, similarity)) = answer.iter().find(|&&(id, _)| id == source) {
            found += 1;
            lowest = lowest.min(similarity);
        }
        unrelated += answer
            .iter()
            .filter(|&&(id, _)| articles[id].topic != articles[source].topic)
            .count();
    }
    println!(
        "near-copies found by MinHash at Jaccard {COPY_JACCARD}: {found}/1000 (lowest {lowest:.2}), unrelated {unrelated}"
    );
    assert!(found >= 990, "found {found} of 1000");
    assert_eq!(unrelated, 0);
}

/// The Jaccard similarity of word 3-shingles from which a text counts as a copy: 5% of words
/// changed leave about three quarters of the shingles.
const COPY_JACCARD: f32 = 0.5;
