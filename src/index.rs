//! The story index: stories in, clusters of the same story out.

use std::collections::HashMap;

use crate::fingerprint::{Fingerprint, for_each_match, hamming};

/// Simhashes this close (in bits) mark near-duplicates.
const NEAR_DUPLICATE_BITS: u32 = 3;
/// Weighted cosine over salient features from which two stories count as the same story.
const SAME_STORY_COSINE: f32 = 0.2;
/// A same-story link needs at least this many shared names, dates or numbers: one shared place
/// or person is never enough.
const MIN_SHARED_EVIDENCE: usize = 2;
/// Features named by more than this share of the stories are too common to find candidates.
const COMMON_FEATURE_SHARE: f32 = 0.2;

/// How the members of a cluster relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Copies or light rewrites of one text.
    NearDuplicate,
    /// Different texts reporting the same real-world event.
    SameStory,
}

impl Relation {
    /// The name used in chaff's JSON output.
    ///
    /// ```
    /// assert_eq!(chaff::Relation::SameStory.as_str(), "same-story");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::NearDuplicate => "near-duplicate",
            Relation::SameStory => "same-story",
        }
    }
}

/// Stories found to be one: their indices in insertion order, the relation and the score.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// How the members relate: near-duplicate when every link is one.
    pub relation: Relation,
    /// The members, as the indices [`StoryIndex::insert`] returned, ascending.
    pub members: Vec<usize>,
    /// The weakest link's similarity: feature cosine, or 1 − distance/64 for near-duplicates.
    pub score: f32,
}

/// Collects stories and groups those that are the same.
///
/// ```
/// use chaff::Fingerprint;
/// let mut index = chaff::StoryIndex::new();
/// let a = index.insert_fingerprint(Fingerprint::new(Some("Lavrov receives Diop in Moscow"), "On 28 February 2024 Sergey Lavrov received Abdoulaye Diop of Mali in Moscow.", None));
/// let b = index.insert_fingerprint(Fingerprint::new(Some("Mali and Russia: Diop in Moscow"), "Abdoulaye Diop met Sergey Lavrov in Moscow on 28 February 2024.", None));
/// let c = index.insert_fingerprint(Fingerprint::new(Some("Kampala summit"), "Abdoulaye Diop met Abbas Araghchi in Kampala at the Non-Aligned Movement meeting.", None));
/// let clusters = index.clusters();
/// assert_eq!(clusters.len(), 1);
/// assert_eq!(clusters[0].members, [a, b]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct StoryIndex {
    stories: Vec<Fingerprint>,
    document_frequency: HashMap<u64, u32>,
}

impl StoryIndex {
    /// An empty index.
    pub fn new() -> StoryIndex {
        StoryIndex::default()
    }

    /// Adds a story of a cleaned page; returns its index.
    pub fn insert(&mut self, story: &crate::Story) -> usize {
        self.insert_fingerprint(Fingerprint::of(story))
    }

    /// Adds a story already fingerprinted, for stories that do not come from [`crate::clean_text`]
    /// or [`crate::clean_html`]; returns its index.
    ///
    /// ```
    /// let mut index = chaff::StoryIndex::new();
    /// let a = index.insert_fingerprint(chaff::Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow.", Some("28 February 2024")));
    /// let b = index.insert_fingerprint(chaff::Fingerprint::new(None, "In Moscow, Sergey Lavrov received Abdoulaye Diop.", Some("23 June 2025")));
    /// assert!(index.clusters().is_empty(), "the same names, but published more than a week apart");
    /// ```
    pub fn insert_fingerprint(&mut self, fingerprint: Fingerprint) -> usize {
        for &(hash, _, _) in &fingerprint.features {
            *self.document_frequency.entry(hash).or_default() += 1;
        }
        self.stories.push(fingerprint);
        self.stories.len() - 1
    }

    /// How many stories the index holds.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Whether the index holds no story.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The weighted cosine of two stories' salient features, in 0..=1 (1 for the same features);
    /// weights depend on the whole index, so a score can change as stories are added.
    ///
    /// ```
    /// use chaff::Fingerprint;
    /// let mut index = chaff::StoryIndex::new();
    /// let a = index.insert_fingerprint(Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow.", None));
    /// let b = index.insert_fingerprint(Fingerprint::new(None, "In Moscow, Sergey Lavrov received Abdoulaye Diop.", None));
    /// let c = index.insert_fingerprint(Fingerprint::new(None, "Tara Reid entered a rehab centre in Malibu.", None));
    /// assert!(index.similarity(a, b) > 0.5 && index.similarity(a, c) == 0.0);
    /// ```
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        match (self.stories.get(a), self.stories.get(b)) {
            (Some(fa), Some(fb)) => cosine(&self.weighted(fa), &self.weighted(fb)),
            _ => 0.0,
        }
    }

    /// Groups the stories: every cluster has at least two members; lone stories are in none.
    pub fn clusters(&self) -> Vec<Cluster> {
        let vectors: Vec<Vec<(u64, f32)>> = self.stories.iter().map(|f| self.weighted(f)).collect();
        let mut links: Vec<(usize, usize, Relation, f32)> = Vec::new();
        for (a, b) in self.candidates() {
            let distance = hamming(self.stories[a].simhash, self.stories[b].simhash);
            if distance <= NEAR_DUPLICATE_BITS {
                links.push((a, b, Relation::NearDuplicate, 1.0 - distance as f32 / 64.0));
                continue;
            }
            let cosine = cosine(&vectors[a], &vectors[b]);
            let (fa, fb) = (&self.stories[a], &self.stories[b]);
            if cosine >= SAME_STORY_COSINE
                && !fa.dates_conflict(fb)
                && fa.shared_evidence(fb) >= MIN_SHARED_EVIDENCE
            {
                links.push((a, b, Relation::SameStory, cosine));
            }
        }
        // Stories from different dates cannot be one: they weigh against any group holding both.
        let similarity = |a: usize, b: usize| {
            if self.stories[a].dates_conflict(&self.stories[b]) {
                -1.0
            } else {
                cosine(&vectors[a], &vectors[b])
            }
        };
        group(self.stories.len(), &links, similarity)
    }

    /// Pairs that share a feature rare enough to matter, or a simhash.
    fn candidates(&self) -> Vec<(usize, usize)> {
        let common = ((self.stories.len() as f32 * COMMON_FEATURE_SHARE) as u32).max(2);
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, f) in self.stories.iter().enumerate() {
            for &(hash, _, _) in &f.features {
                if self.document_frequency.get(&hash).copied().unwrap_or(0) <= common {
                    postings.entry(hash).or_default().push(i);
                }
            }
            postings.entry(f.simhash).or_default().push(i);
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for list in postings.values() {
            for (k, &a) in list.iter().enumerate() {
                pairs.extend(
                    list[k + 1..]
                        .iter()
                        .filter(|&&b| b != a)
                        .map(|&b| (a.min(b), a.max(b))),
                );
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// A story's features weighted by kind, log frequency and rarity, normalised to length 1.
    fn weighted(&self, fingerprint: &Fingerprint) -> Vec<(u64, f32)> {
        let n = self.stories.len() as f32;
        let mut vector: Vec<(u64, f32)> = fingerprint
            .features
            .iter()
            .map(|&(hash, kind, count)| {
                let df = self.document_frequency.get(&hash).copied().unwrap_or(1) as f32;
                let idf = ((n + 1.0) / df).ln();
                (hash, kind.weight() * (1.0 + (count as f32).ln()) * idf)
            })
            .collect();
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        vector
    }
}

/// Cosine of two normalised vectors sorted by hash.
fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let mut dot = 0.0;
    for_each_match(a, b, |x, y| (x.0, y.0), |x, y| dot += x.1 * y.1);
    dot
}

/// Clusters from the links: connected components, each split by average-link merging so that a
/// chain of pairwise links cannot join stories that are, on average, unlike each other.
fn group(
    n: usize,
    links: &[(usize, usize, Relation, f32)],
    similarity: impl Fn(usize, usize) -> f32,
) -> Vec<Cluster> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b, _, _) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(a, b, _, _) in links {
        let r = root(&mut parent, a);
        components.entry(r).or_default().extend([a, b]);
    }
    let mut clusters = Vec::new();
    for members in components.into_values() {
        let mut members = members;
        members.sort_unstable();
        members.dedup();
        for group in average_link(&members, links, &similarity) {
            let pairs: Vec<&(usize, usize, Relation, f32)> = links
                .iter()
                .filter(|(a, b, _, _)| {
                    group.binary_search(a).is_ok() && group.binary_search(b).is_ok()
                })
                .collect();
            let relation = if pairs.iter().all(|l| l.2 == Relation::NearDuplicate) {
                Relation::NearDuplicate
            } else {
                Relation::SameStory
            };
            let score = pairs.iter().map(|l| l.3).fold(f32::INFINITY, f32::min);
            clusters.push(Cluster {
                relation,
                members: group,
                score: if score.is_finite() { score } else { 0.0 },
            });
        }
    }
    clusters.sort_by_key(|c| c.members[0]);
    clusters
}

/// Groups merge while their average similarity is at least this.
const AVERAGE_LINK_COSINE: f32 = 0.15;
/// Components larger than this stay whole: average-link merging costs the cube of their size.
const AVERAGE_LINK_MAX: usize = 300;

/// Splits a component: repeatedly merges the two groups with the highest average similarity
/// while it is at least [`AVERAGE_LINK_COSINE`]; near-duplicate links always hold.
fn average_link(
    members: &[usize],
    links: &[(usize, usize, Relation, f32)],
    similarity: &impl Fn(usize, usize) -> f32,
) -> Vec<Vec<usize>> {
    if members.len() <= 2 || members.len() > AVERAGE_LINK_MAX {
        return vec![members.to_vec()];
    }
    let m = members.len();
    let position = |id: usize| members.binary_search(&id).ok();
    let mut sim = vec![vec![0.0f32; m]; m];
    for a in 0..m {
        for b in a + 1..m {
            let s = similarity(members[a], members[b]);
            sim[a][b] = s;
            sim[b][a] = s;
        }
    }
    for &(a, b, relation, _) in links {
        if let (Some(pa), Some(pb), Relation::NearDuplicate) = (position(a), position(b), relation)
        {
            sim[pa][pb] = 1.0;
            sim[pb][pa] = 1.0;
        }
    }
    let mut groups: Vec<Vec<usize>> = (0..m).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for x in 0..groups.len() {
            for y in x + 1..groups.len() {
                let total: f32 = groups[x]
                    .iter()
                    .flat_map(|&a| groups[y].iter().map(move |&b| (a, b)))
                    .map(|(a, b)| sim[a][b])
                    .sum();
                let average = total / (groups[x].len() * groups[y].len()) as f32;
                if best.is_none_or(|(_, _, s)| average > s) {
                    best = Some((x, y, average));
                }
            }
        }
        match best {
            Some((x, y, average)) if average >= AVERAGE_LINK_COSINE => {
                let merged = groups.swap_remove(y);
                groups[x].extend(merged);
            }
            _ => break,
        }
    }
    groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|g| {
            let mut ids: Vec<usize> = g.into_iter().map(|i| members[i]).collect();
            ids.sort_unstable();
            ids
        })
        .collect()
}
