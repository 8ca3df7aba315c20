//! The story index: stories in, clusters of the same story out.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::HammingIndex;
use crate::fingerprint::{
    Feature, Fingerprint, for_each_match, hamming, language_story_share, mix,
};
use crate::lexicon;

/// Maps keyed by feature hashes, which are mixed already: they are not hashed again.
type ByFeature<V> = lexicon::Map<V>;
/// Candidate pairs' similarities where above 0, keyed by [`pair_key`]: twelve bytes a pair,
/// where a key of two `usize` took twenty-four.
type Similar = HashMap<u64, f32, BuildHasherDefault<PairHasher>>;

/// Two stories' indexes, lower first, in one word (an index holds fewer than 2³² stories, as
/// its postings' `u32` ids already ask).
fn pair_key(a: usize, b: usize) -> u64 {
    (a.min(b) as u64) << 32 | a.max(b) as u64
}

/// The two stories of a [`pair_key`].
fn pair_of(key: u64) -> (usize, usize) {
    ((key >> 32) as usize, (key & u64::from(u32::MAX)) as usize)
}

/// Hashes a [`pair_key`] by mixing it: a few instructions where SipHash, built against hostile
/// keys, costs a hundred on each of millions of pairs.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// Simhashes this close (in bits) mark near-duplicates.
const NEAR_DUPLICATE_BITS: u32 = 3;
/// Weighted cosine over salient features from which two stories count as the same story.
const SAME_STORY_COSINE: f32 = 0.2;
/// Stories each about someone the other never names (the same boxer against two opponents,
/// one player's offers from two clubs) count this much as similar as their features say.
const PARTICIPANTS_DIFFER: f32 = 0.5;
/// Stories that both name dates and share none, or were published more than
/// [`SAME_EVENT_DAYS`] apart, count this much as similar as their features say: a sign of two
/// events, not a proof, since reports of one event also name the days before it or follow it up.
const DATES_DIFFER: f32 = 0.5;
/// Reports follow an event up for weeks and months (an arrest and a plea, a stay in rehab and
/// the next one): four months, not a week.
const SAME_EVENT_DAYS: u64 = 120;
/// By default, stories published more than this many days apart are never linked for
/// themselves, whatever they share (a yearly summit, an anniversary); see
/// [`StoryIndex::with_date_window`].
const DIFFERENT_EVENT_DAYS: u64 = 365;
/// Groups of at least this many stories are told apart by their central names: each group
/// names someone in a share of its stories at least this much above the other group's share.
/// Their average says enough for a lone story to join them on a tie short of a link
/// ([`join_lone`]).
const GROUP_MIN_STORIES: usize = 5;
const GROUP_CONTRAST: f32 = 0.5;
/// Groups of at least this many stories are told apart by their central numbers: each group
/// gives a number in a share of its stories at least this much above the other group's share.
/// Figures vary more than names between reports of one event (a toll rises), so three in four
/// stories of each group must give its own and hardly any of the other's; on ECB+ this keeps
/// apart two earthquakes on one island, three years apart, that names could not.
const NUMBER_GROUP_MIN_STORIES: usize = 3;
const NUMBER_CONTRAST: f32 = 0.75;
/// ...unless they agree on a number at least this share of the stories of each give.
const SHARED_NUMBER_SHARE: f32 = 0.5;
/// A same-story link needs at least this many shared names, dates or numbers: one shared place
/// or person is never enough.
const MIN_SHARED_EVIDENCE: usize = 2;
/// Rarity is judged as if the index held at least this many stories (a day of news from a few
/// outlets): among fewer, every feature two reports share looks common, and whether two
/// stories link would swing with the size of the batch they came in. The stories it lacks
/// use words as their language does ([`language_story_share`]).
const RARITY_FLOOR_STORIES: usize = 500;
/// An index of fewer stories than this asks a same-story link for up to
/// [`SMALL_INDEX_EXTRA`] more cosine, the more the fewer its stories: their rarity is a guess,
/// and their groups are too small for [`StoryIndex::groups_differ`] to tell two events apart.
const SMALL_INDEX_STORIES: usize = 100;
const SMALL_INDEX_EXTRA: f32 = 0.2;
/// Only features named by at most this many stories, or this share of them if more, find
/// candidate pairs: a feature held by thousands of stories would pair each with each.
const CANDIDATE_FEATURE_STORIES: usize = 50;
const CANDIDATE_FEATURE_SHARE: usize = 100;
/// A story is judged against at most this many stories sharing rare features with it (those
/// sharing most), and as many copies: an event told more often still forms one group through
/// its reports' own candidates, and an index of a million stories holds millions of pairs,
/// not billions. On ECB+ (at most 21 reports of one event) any cap from 30 gives the same
/// clusters.
const CANDIDATES_PER_STORY: usize = 200;

/// Candidate pairs judged in one parallel batch.
const PAIRS_JUDGED_AT_ONCE: usize = 1 << 16;

/// How the members of a cluster relate.
///
/// ```
/// use chaff::{Fingerprint, Relation, StoryIndex};
/// let text = "The council of Port Averne voted on Tuesday to rebuild the Kessler harbour wall before \
///     the winter storms, the mayor Daniel Ruiz said after the meeting. Work is to start in March \
///     and last eight months, during which the ferry will berth at the old fish quay. The wall was \
///     damaged in the January storms, when waves flooded the harbour road and the market square, \
///     and it has been closed to walkers since then. The council will pay for most of the work, \
///     with help from the regional fund for coastal towns.";
/// let mut index = StoryIndex::new();
/// index.insert_fingerprint(Fingerprint::new(None, text, None));
/// // The same text, syndicated by another outlet.
/// index.insert_fingerprint(Fingerprint::new(None, text, None));
/// assert_eq!(index.clusters()[0].relation, Relation::NearDuplicate);
/// ```
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

/// Stories found to be one: their indices in insertion order, the relation, the score and the
/// evidence.
///
/// ```
/// use chaff::{Fingerprint, Relation, StoryIndex};
/// let mut index = StoryIndex::new();
/// let a = index.insert_fingerprint(Fingerprint::new(None, "On 28 February 2024 Sergey Lavrov received Abdoulaye Diop of Mali in Moscow.", None));
/// let b = index.insert_fingerprint(Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow on 28 February 2024.", None));
/// let cluster = &index.clusters()[0];
/// assert_eq!(cluster.members, [a, b]);
/// assert_eq!(cluster.relation, Relation::SameStory);
/// assert!(cluster.score > 0.5 && cluster.score < 1.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// How the members relate: near-duplicate when every link is one.
    pub relation: Relation,
    /// The members, as the indices [`StoryIndex::insert`] returned, ascending.
    pub members: Vec<usize>,
    /// The weakest link's similarity: feature cosine, or 1 − distance/64 for near-duplicates.
    pub score: f32,
    /// What the members share.
    pub evidence: Evidence,
}

/// Why a cluster's members were found to be one story: what at least two of them share.
///
/// ```
/// use chaff::Fingerprint;
/// let mut index = chaff::StoryIndex::new();
/// index.insert_fingerprint(Fingerprint::new(None, "In Moscow on 28 February 2024, Sergey Lavrov received Abdoulaye Diop for 90 minutes.", None));
/// index.insert_fingerprint(Fingerprint::new(None, "The talks between Abdoulaye Diop and Sergey Lavrov lasted 90 minutes (Moscow, 28 February 2024).", None));
/// let evidence = &index.clusters()[0].evidence;
/// assert_eq!(evidence.names[..2], ["abdoulaye diop", "sergey lavrov"]);
/// assert!(evidence.names.contains(&"moscow".to_string()));
/// assert_eq!(evidence.dates, ["--02-28"]);
/// assert_eq!(evidence.numbers, ["28", "90", "2024"]);
/// assert_eq!(evidence.distance, None, "the texts are not near-duplicates");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Names (folded: lower case, no accents), the most widely shared and longest first; at
    /// most [`Evidence::MAX_NAMES`].
    pub names: Vec<String>,
    /// Dates as ISO 8601 month and day (`--MM-DD`), in calendar order.
    pub dates: Vec<String>,
    /// Numbers, the most widely shared first, then in order.
    pub numbers: Vec<String>,
    /// The largest simhash distance, in bits, among the near-duplicate links that hold the
    /// cluster; `None` when none is a near-duplicate.
    pub distance: Option<u32>,
}

impl Evidence {
    /// The most names a cluster's evidence lists.
    ///
    /// ```
    /// use chaff::{Evidence, Fingerprint, StoryIndex};
    /// let text = "Anna Berg, Carl Dahl, Eva Fors, Gustav Holm, Ines Jung, Karl Lund, Maja Nord, \
    ///     Olle Pihl, Rut Sand and Tor Uhr met Ulf Vik in Malmo on 3 March 2025 to sign the accord.";
    /// let mut index = StoryIndex::new();
    /// index.insert_fingerprint(Fingerprint::new(None, text, None));
    /// index.insert_fingerprint(Fingerprint::new(None, text, None));
    /// assert_eq!(index.clusters()[0].evidence.names.len(), Evidence::MAX_NAMES);
    /// ```
    pub const MAX_NAMES: usize = 10;

    /// What at least two of `members` share (the distance is the caller's to set).
    fn shared_by(members: &[&Fingerprint]) -> Evidence {
        let mut named: HashMap<u64, (u32, Feature)> = HashMap::new();
        for fingerprint in members {
            for &(hash, kind, _) in &fingerprint.features {
                if matches!(kind, Feature::Name | Feature::Number) {
                    named.entry(hash).or_insert((0, kind)).0 += 1;
                }
            }
        }
        let mut shared: Vec<(u32, Feature, &str)> = named
            .into_iter()
            .filter(|&(_, (count, _))| count >= 2)
            .filter_map(|(hash, (count, kind))| {
                let label = members.iter().find_map(|f| f.label(hash))?;
                Some((count, kind, label))
            })
            .collect();
        // The most widely shared first; then longer names (a full name says more than half of
        // it) and smaller numbers; then in order, so that the output is stable.
        shared.sort_by(|a, b| {
            let longer = match a.1 {
                Feature::Name => b.2.len().cmp(&a.2.len()),
                _ => a.2.len().cmp(&b.2.len()),
            };
            (a.1, b.0).cmp(&(b.1, a.0)).then(longer).then(a.2.cmp(b.2))
        });
        let of_kind = |kind: Feature| {
            shared
                .iter()
                .filter(move |s| s.1 == kind)
                .map(|s| s.2.to_string())
        };
        let mut dates: HashMap<(u8, u8), u32> = HashMap::new();
        for fingerprint in members {
            for &date in &fingerprint.dates {
                *dates.entry(date).or_default() += 1;
            }
        }
        let mut dates: Vec<(u8, u8)> = dates
            .into_iter()
            .filter(|&(_, count)| count >= 2)
            .map(|(date, _)| date)
            .collect();
        dates.sort_unstable();
        Evidence {
            names: of_kind(Feature::Name).take(Evidence::MAX_NAMES).collect(),
            dates: dates
                .iter()
                .map(|(month, day)| format!("--{month:02}-{day:02}"))
                .collect(),
            numbers: of_kind(Feature::Number).collect(),
            distance: None,
        }
    }
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
///
/// How much a shared name or word counts depends on how rare it is among the stories indexed:
/// "Diop" in every story of an index about Mali tells little. Rarity is learned from the index
/// itself, as if it held at least 500 stories (a day of news from a few outlets), so that a
/// link does not swing with the size of the batch; the stories it lacks are taken to use words
/// as their language does, after wordfreq's frequency lists (English, French, German, Spanish,
/// Italian, Portuguese, Dutch, Polish), so that "government" weighs little in a small index.
/// A small index knows rarity least and asks more of a link (up to 0.4 of cosine for a pair,
/// against 0.2 from 100 stories on), so index stories in batches where you can; two reports of
/// one event still meet alone:
///
/// ```
/// use chaff::{Fingerprint, StoryIndex};
/// let reopened = Fingerprint::new(Some("Kessler Bridge reopens"), "The Kessler Bridge over the Averne reopened on 14 March 2025 after eight months of repairs, mayor Daniel Ruiz said. Officials expect twelve thousand vehicles a day, and the first buses crossed a few minutes after the ceremony. Shopkeepers in Port Averne had lost a third of their trade while the bridge was closed, Marta Oyelaran of the traders' union told reporters.", None);
/// let retold = Fingerprint::new(Some("Traffic returns to the Kessler Bridge"), "Mayor Daniel Ruiz cut the ribbon as traffic returned to the Kessler Bridge on 14 March 2025. Engineers had strengthened the piers of the old crossing, which carried trams until 1962. Marta Oyelaran of the traders' union said shops in Port Averne had lost a third of their trade in eight months.", None);
/// let closed = Fingerprint::new(Some("Kessler Bridge closes"), "The Kessler Bridge over the Averne closed on 2 July 2024 for eight months of repairs, mayor Daniel Ruiz said. A ferry will carry 4,000 people a day, and engineers will strengthen the piers of the old crossing.", None);
/// let linked = |a: &Fingerprint, b: &Fingerprint| {
///     let mut pair = StoryIndex::new();
///     pair.insert_fingerprint(a.clone());
///     pair.insert_fingerprint(b.clone());
///     !pair.clusters().is_empty()
/// };
/// assert!(linked(&reopened, &retold));
/// // The same bridge and mayor, another day and another event.
/// assert!(!linked(&reopened, &closed));
/// ```
#[derive(Clone, Debug)]
pub struct StoryIndex {
    stories: Vec<Fingerprint>,
    /// The page each story came from, numbered in the order pages were inserted.
    pages: Vec<usize>,
    document_frequency: ByFeature<u32>,
    /// Stories published more than this many days apart are never linked for themselves.
    date_window: u64,
}

impl Default for StoryIndex {
    fn default() -> StoryIndex {
        StoryIndex::with_date_window(DIFFERENT_EVENT_DAYS)
    }
}

impl StoryIndex {
    /// An empty index; stories published more than a year apart are never linked for
    /// themselves.
    ///
    /// ```
    /// let index = chaff::StoryIndex::new();
    /// assert!(index.is_empty() && index.clusters().is_empty());
    /// ```
    pub fn new() -> StoryIndex {
        StoryIndex::default()
    }

    /// An empty index in which two stories published more than `days` apart are never linked
    /// for themselves, whatever they share: a feed of daily news may want a week, an archive
    /// of follow-ups several years. Stories without a publication date are not held apart, and
    /// copies (near-duplicates) are copies whenever they were published.
    ///
    /// ```
    /// use chaff::{Fingerprint, StoryIndex};
    /// let told_twice = |index: &mut StoryIndex| {
    ///     index.insert_fingerprint(Fingerprint::new(None, "The council of Port Averne voted to rebuild the Kessler harbour wall, Daniel Ruiz said.", Some("2 March 2025")));
    ///     index.insert_fingerprint(Fingerprint::new(None, "Daniel Ruiz, mayor of Port Averne, says work on the Kessler harbour wall starts in spring.", Some("20 March 2025")));
    ///     index.clusters().len()
    /// };
    /// assert_eq!(told_twice(&mut StoryIndex::new()), 1);
    /// assert_eq!(told_twice(&mut StoryIndex::with_date_window(7)), 0);
    /// ```
    pub fn with_date_window(days: u64) -> StoryIndex {
        StoryIndex {
            stories: Vec::new(),
            pages: Vec::new(),
            document_frequency: ByFeature::default(),
            date_window: days,
        }
    }

    /// Adds a story of a cleaned page; returns its index.
    ///
    /// ```
    /// let page = chaff::clean_text("Bridge reopens\nThe bridge over the harbour reopened to traffic on Friday after eight months of repairs, and the first buses crossed it a few minutes after the ceremony.\n");
    /// let mut index = chaff::StoryIndex::new();
    /// assert_eq!(index.insert(&page.stories[0]), 0);
    /// assert_eq!(index.insert(&page.stories[0]), 1);
    /// assert_eq!(index.clusters()[0].members, [0, 1]);
    /// ```
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
    /// assert!(index.clusters().is_empty(), "the same names, but published more than a year apart");
    /// ```
    pub fn insert_fingerprint(&mut self, fingerprint: Fingerprint) -> usize {
        let page = self.next_page();
        self.push(fingerprint, page)
    }

    /// Adds the stories of one page, fingerprinted (a digest's, as
    /// [`batch::clean_batch`](crate::batch::clean_batch) gives them); returns their indexes.
    /// A page tells each of its stories once, so stories of one page are never clustered as
    /// the same story: only as copies, when their simhashes are that close. (A component of
    /// more than 300 linked stories, too large to split, is kept whole, and may hold two.)
    ///
    /// ```
    /// use chaff::{Fingerprint, StoryIndex};
    /// let first = "The president received the credentials of the ambassador of Japan, Kenji Sato, at the palace of Koulouba, and wished him a fruitful mission in Bamako.";
    /// let second = "At the palace of Koulouba, the president received the credentials of the ambassador of Peru, Ana Ruiz, and wished her a fruitful mission in Bamako.";
    /// let other = "Heavy rain is expected over most of the country on Friday, forecasters in Accra said.";
    /// let digest = || [first, second].map(|text| Fingerprint::new(None, text, None));
    ///
    /// let mut index = StoryIndex::new();
    /// index.insert_fingerprint(Fingerprint::new(None, other, None));
    /// assert_eq!(index.insert_page(digest()), 1..3);
    /// assert!(index.clusters().is_empty(), "two ceremonies on one page");
    ///
    /// let mut index = StoryIndex::new();
    /// index.insert_fingerprint(Fingerprint::new(None, other, None));
    /// for fingerprint in digest() {
    ///     index.insert_fingerprint(fingerprint);
    /// }
    /// assert_eq!(index.clusters()[0].members, [1, 2], "told apart only by their page");
    /// ```
    pub fn insert_page(
        &mut self,
        fingerprints: impl IntoIterator<Item = Fingerprint>,
    ) -> std::ops::Range<usize> {
        let (first, page) = (self.stories.len(), self.next_page());
        for fingerprint in fingerprints {
            self.push(fingerprint, page);
        }
        first..self.stories.len()
    }

    fn next_page(&self) -> usize {
        self.pages.last().map_or(0, |&page| page + 1)
    }

    fn push(&mut self, fingerprint: Fingerprint, page: usize) -> usize {
        for &(hash, _, _) in &fingerprint.features {
            *self.document_frequency.entry(hash).or_default() += 1;
        }
        self.stories.push(fingerprint);
        self.pages.push(page);
        self.stories.len() - 1
    }

    /// How many stories the index holds.
    ///
    /// ```
    /// let mut index = chaff::StoryIndex::new();
    /// index.insert_fingerprint(chaff::Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow.", None));
    /// assert_eq!(index.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Whether the index holds no story.
    ///
    /// ```
    /// let mut index = chaff::StoryIndex::new();
    /// assert!(index.is_empty());
    /// index.insert_fingerprint(chaff::Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow.", None));
    /// assert!(!index.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The weighted cosine of two stories' salient features, in 0..=1 (1 for the same features,
    /// and for a story with itself);
    /// weights depend on the whole index, so a score can change as stories are added.
    ///
    /// ```
    /// use chaff::Fingerprint;
    /// let mut index = chaff::StoryIndex::new();
    /// let a = index.insert_fingerprint(Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow.", None));
    /// let b = index.insert_fingerprint(Fingerprint::new(None, "In Moscow, Sergey Lavrov received Abdoulaye Diop.", None));
    /// let c = index.insert_fingerprint(Fingerprint::new(None, "Tara Reid entered a rehab centre in Malibu.", None));
    /// assert!(index.similarity(a, b) > 0.5 && index.similarity(a, c) == 0.0);
    /// assert_eq!(index.similarity(c, c), 1.0);
    /// ```
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        match (self.stories.get(a), self.stories.get(b)) {
            (Some(_), Some(_)) if a == b => 1.0,
            (Some(fa), Some(fb)) => cosine(&self.weighted(fa), &self.weighted(fb)),
            _ => 0.0,
        }
    }

    /// Groups the stories: every cluster has at least two members; lone stories are in none.
    /// With the `parallel` feature (on by default) the candidate pairs are scored on all cores;
    /// the clusters are the same either way.
    ///
    /// ```
    /// use chaff::Fingerprint;
    /// let mut index = chaff::StoryIndex::new();
    /// let a = index.insert_fingerprint(Fingerprint::new(None, "On 28 February 2024 Sergey Lavrov received Abdoulaye Diop of Mali in Moscow.", None));
    /// let b = index.insert_fingerprint(Fingerprint::new(None, "Abdoulaye Diop met Sergey Lavrov in Moscow on 28 February 2024.", None));
    /// let _lone = index.insert_fingerprint(Fingerprint::new(None, "Tara Reid entered a rehab centre in Malibu.", None));
    /// let clusters = index.clusters();
    /// assert_eq!(clusters.len(), 1);
    /// assert_eq!(clusters[0].members, [a, b]);
    /// ```
    pub fn clusters(&self) -> Vec<Cluster> {
        let vectors: Vec<Vec<(u64, f32)>> = self.stories.iter().map(|f| self.weighted(f)).collect();
        let pairs = self.candidates();
        // Each pair is judged on its own: on all cores with the `parallel` feature, a batch at
        // a time so that judgements waiting to be stored never hold much memory.
        let link_bar = self.same_story_bar();
        let judge = |&key: &u64| {
            let (a, b) = pair_of(key);
            self.judge(&vectors, a, b, link_bar)
        };
        let mut similar = Similar::with_capacity_and_hasher(pairs.len(), Default::default());
        let mut links: Vec<Link> = Vec::new();
        for batch in pairs.chunks(PAIRS_JUDGED_AT_ONCE) {
            #[cfg(feature = "parallel")]
            let judged: Vec<(f32, Option<Link>)> = {
                use rayon::prelude::*;
                batch.par_iter().map(judge).collect()
            };
            #[cfg(not(feature = "parallel"))]
            let judged: Vec<(f32, Option<Link>)> = batch.iter().map(judge).collect();
            for (&key, (similarity, link)) in batch.iter().zip(judged) {
                // Pairs not held count as 0.
                if similarity > 0.0 {
                    similar.insert(key, similarity);
                }
                links.extend(link);
            }
        }
        drop(pairs);
        let differ = |x: &[usize], y: &[usize]| self.share_a_page(x, y) || self.groups_differ(x, y);
        let mut clusters = group(self.stories.len(), &links, &similar, differ, link_bar);
        for cluster in &mut clusters {
            let members: Vec<&Fingerprint> =
                cluster.members.iter().map(|&m| &self.stories[m]).collect();
            let distance = cluster.evidence.distance;
            cluster.evidence = Evidence {
                distance,
                ..Evidence::shared_by(&members)
            };
        }
        clusters
    }

    /// A candidate pair's similarity and, if they are one story, their link. Pairs that share
    /// no rare feature are never judged and count as 0; so do stories published a year apart:
    /// never linked for themselves, they may still meet in a group that others tie together
    /// (a trial reported two years after the shooting is still that story). Two stories of one
    /// page count as 0 too, unless copies; what keeps them apart in groups is `share_a_page`.
    /// `link_bar` is the index's [`StoryIndex::same_story_bar`], found once for all pairs.
    fn judge(
        &self,
        vectors: &[Vec<(u64, f32)>],
        a: usize,
        b: usize,
        link_bar: f32,
    ) -> (f32, Option<Link>) {
        let (fa, fb) = (&self.stories[a], &self.stories[b]);
        let distance = hamming(fa.simhash, fb.simhash);
        if distance <= NEAR_DUPLICATE_BITS {
            let link = Link {
                ends: (a, b),
                relation: Relation::NearDuplicate,
                score: 1.0 - distance as f32 / 64.0,
                distance,
            };
            return (1.0, Some(link));
        }
        let apart = fa.days_apart(fb);
        if apart.is_some_and(|days| days > self.date_window) || self.pages[a] == self.pages[b] {
            return (0.0, None);
        }
        let discount = |differ: bool, factor: f32| if differ { factor } else { 1.0 };
        let cosine = cosine(&vectors[a], &vectors[b])
            * discount(fa.participants_differ(fb), PARTICIPANTS_DIFFER)
            * discount(
                fa.dates_differ(fb) || apart.is_some_and(|days| days > SAME_EVENT_DAYS),
                DATES_DIFFER,
            );
        let link =
            (cosine >= link_bar && fa.shared_evidence(fb) >= MIN_SHARED_EVIDENCE).then_some(Link {
                ends: (a, b),
                relation: Relation::SameStory,
                score: cosine,
                distance,
            });
        (cosine, link)
    }

    /// The cosine from which two stories of this index are linked: [`SAME_STORY_COSINE`], more
    /// in a small index.
    fn same_story_bar(&self) -> f32 {
        let missing = SMALL_INDEX_STORIES.saturating_sub(self.stories.len());
        SAME_STORY_COSINE + SMALL_INDEX_EXTRA * missing as f32 / SMALL_INDEX_STORIES as f32
    }

    /// Whether a story of one group and a story of the other come from one page.
    fn share_a_page(&self, x: &[usize], y: &[usize]) -> bool {
        x.iter()
            .any(|&a| y.iter().any(|&b| self.pages[a] == self.pages[b]))
    }

    /// Whether two groups of stories report different events: each group is about someone
    /// the other seldom names (both of at least [`GROUP_MIN_STORIES`], the share of stories
    /// naming them differing by [`GROUP_CONTRAST`]), or each gives a number the other almost
    /// never gives, a magnitude, a toll, a year (both of at least
    /// [`NUMBER_GROUP_MIN_STORIES`], by [`NUMBER_CONTRAST`]) while they agree on no number
    /// (none given by [`SHARED_NUMBER_SHARE`] of both). A pair of stories cannot show this
    /// reliably, since either may leave a participant or a figure out; most stories of a group
    /// do.
    fn groups_differ(&self, x: &[usize], y: &[usize]) -> bool {
        let smaller = x.len().min(y.len());
        if smaller < NUMBER_GROUP_MIN_STORIES.min(GROUP_MIN_STORIES) {
            return false;
        }
        // For each name and number: its kind, and how many stories of x and of y give it.
        let mut given_by: HashMap<u64, (Feature, [usize; 2])> = HashMap::new();
        for (side, group) in [x, y].into_iter().enumerate() {
            for &story in group {
                for &(hash, kind, _) in &self.stories[story].features {
                    if matches!(kind, Feature::Name | Feature::Number) {
                        given_by.entry(hash).or_insert((kind, [0, 0])).1[side] += 1;
                    }
                }
            }
        }
        let sizes = [x.len() as f32, y.len() as f32];
        let central_to = |side: usize, kind: Feature, contrast: f32| {
            given_by.values().any(|&(k, counts)| {
                k == kind
                    && counts[side] as f32 / sizes[side] - counts[1 - side] as f32 / sizes[1 - side]
                        >= contrast
            })
        };
        let apart = |kind: Feature, min_stories: usize, contrast: f32| {
            smaller >= min_stories && central_to(0, kind, contrast) && central_to(1, kind, contrast)
        };
        // Reports of one event whose toll rose between them still agree on other figures.
        let agree_on_a_number = given_by.values().any(|&(kind, counts)| {
            kind == Feature::Number
                && (0..2).all(|side| counts[side] as f32 / sizes[side] >= SHARED_NUMBER_SHARE)
        });
        apart(Feature::Name, GROUP_MIN_STORIES, GROUP_CONTRAST)
            || (!agree_on_a_number
                && apart(Feature::Number, NUMBER_GROUP_MIN_STORIES, NUMBER_CONTRAST))
    }

    /// Pairs that share a feature rare enough to matter, or whose simhashes are near-duplicates,
    /// as [`pair_key`]s; each pair once, collected story by story: for each story, the
    /// [`CANDIDATES_PER_STORY`] stories sharing most rare features with it and as many of its
    /// closest copies, so that the pairs grow with the stories, not with their square.
    fn candidates(&self) -> Vec<u64> {
        let n = self.stories.len();
        let rare = CANDIDATE_FEATURE_STORIES.max(n / CANDIDATE_FEATURE_SHARE) as u32;
        let mut postings: ByFeature<Vec<u32>> = ByFeature::default();
        let mut near = HammingIndex::new(NEAR_DUPLICATE_BITS);
        for (i, f) in self.stories.iter().enumerate() {
            for &(hash, _, _) in &f.features {
                if self
                    .document_frequency
                    .get(&hash)
                    .is_some_and(|&df| df <= rare)
                {
                    postings.entry(hash).or_default().push(i as u32);
                }
            }
            near.insert(f.simhash);
        }
        // shared[j]: how many rare features story j shares with the story at hand.
        let mut shared = vec![0u32; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        for (i, f) in self.stories.iter().enumerate() {
            let by_feature = f
                .features
                .iter()
                .filter_map(|(hash, _, _)| postings.get(hash))
                .flatten()
                .map(|&j| j as usize);
            for j in by_feature.filter(|&j| j != i) {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
            // The stories sharing most come first; all of them are reset for the next story.
            if touched.len() > CANDIDATES_PER_STORY {
                touched.select_nth_unstable_by_key(CANDIDATES_PER_STORY, |&j| {
                    (std::cmp::Reverse(shared[j]), j)
                });
            }
            let kept = &touched[..touched.len().min(CANDIDATES_PER_STORY)];
            pairs.extend(kept.iter().map(|&j| pair_key(i, j)));
            for j in touched.drain(..) {
                shared[j] = 0;
            }
            let mut copies = near.query(f.simhash);
            copies.retain(|&(j, _)| j != i);
            if copies.len() > CANDIDATES_PER_STORY {
                copies.sort_unstable_by_key(|&(j, distance)| (distance, j));
                copies.truncate(CANDIDATES_PER_STORY);
            }
            pairs.extend(copies.into_iter().map(|(j, _)| pair_key(i, j)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// A story's features weighted by kind, log frequency and rarity, normalised to length 1,
    /// then without those no other story holds: they weigh in the norm but can never match,
    /// and most rare words are such, so cosines run over far shorter lists.
    fn weighted(&self, fingerprint: &Fingerprint) -> Vec<(u64, f32)> {
        let n = self.stories.len().max(RARITY_FLOOR_STORIES) as f32;
        // The stories a small index is judged as if it held use words as their language does.
        let unseen = RARITY_FLOOR_STORIES.saturating_sub(self.stories.len()) as f32;
        let mut vector: Vec<(u64, f32, bool)> = fingerprint
            .features
            .iter()
            .map(|&(hash, kind, count)| {
                let held = self.document_frequency.get(&hash).copied().unwrap_or(1);
                let mut df = held as f32;
                if kind == Feature::Word && unseen > 0.0 {
                    df += language_story_share(hash) * unseen;
                }
                let idf = ((n + 1.0) / df).ln();
                let weight = kind.weight() * (1.0 + (count as f32).ln()) * idf;
                (hash, weight, held > 1)
            })
            .collect();
        let norm = vector.iter().map(|(_, w, _)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            vector.iter_mut().for_each(|(_, w, _)| *w /= norm);
        }
        vector
            .into_iter()
            .filter(|&(_, _, shared)| shared)
            .map(|(hash, weight, _)| (hash, weight))
            .collect()
    }
}

/// Cosine of two normalised vectors sorted by hash.
fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let mut dot = 0.0;
    for_each_match(a, b, |x, y| (x.0, y.0), |x, y| dot += x.1 * y.1);
    dot
}

/// Two stories found to be one, and how.
struct Link {
    ends: (usize, usize),
    relation: Relation,
    score: f32,
    /// Their simhashes' distance in bits.
    distance: u32,
}

/// Clusters from the links: connected components, each split by average-link merging so that a
/// chain of pairwise links cannot join stories that are, on average, unlike each other, nor two
/// groups that `differ` says report different events; then stories left alone join the group
/// they clearly belong to ([`join_lone`]). `similar` holds the candidate pairs' similarities;
/// `link_bar` is the cosine of a same-story link.
fn group(
    n: usize,
    links: &[Link],
    similar: &Similar,
    differ: impl Fn(&[usize], &[usize]) -> bool,
    link_bar: f32,
) -> Vec<Cluster> {
    let similarity = |a: usize, b: usize| similar.get(&pair_key(a, b)).copied().unwrap_or(0.0);
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &Link { ends: (a, b), .. } in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut components: HashMap<usize, Vec<usize>> = HashMap::new();
    for &Link { ends: (a, b), .. } in links {
        let r = root(&mut parent, a);
        components.entry(r).or_default().extend([a, b]);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for members in components.into_values() {
        let mut members = members;
        members.sort_unstable();
        members.dedup();
        groups.extend(average_link(&members, &similarity, &differ));
    }
    let group_of = group_of(n, &groups);
    let joins = join_lone(&groups, &group_of, similar, &differ, link_bar);
    let mut clusters: Vec<Cluster> = groups
        .into_iter()
        .map(|members| Cluster {
            relation: Relation::NearDuplicate,
            members,
            score: f32::INFINITY,
            evidence: Evidence::default(),
        })
        .collect();
    // Each link to the cluster holding both its ends, in one pass.
    for link in links {
        let (a, b) = link.ends;
        if let (Some(ca), Some(cb)) = (group_of[a], group_of[b]) {
            if ca == cb {
                let cluster = &mut clusters[ca];
                match link.relation {
                    Relation::SameStory => cluster.relation = Relation::SameStory,
                    Relation::NearDuplicate => {
                        let widest = cluster.evidence.distance.unwrap_or(0).max(link.distance);
                        cluster.evidence.distance = Some(widest);
                    }
                }
                cluster.score = cluster.score.min(link.score);
            }
        }
    }
    for Join {
        story,
        group,
        strongest,
    } in joins
    {
        let cluster = &mut clusters[group];
        cluster.members.push(story);
        cluster.members.sort_unstable();
        cluster.relation = Relation::SameStory;
        cluster.score = cluster.score.min(strongest);
    }
    for cluster in &mut clusters {
        if !cluster.score.is_finite() {
            // Joined by group average alone: no direct link between any two members.
            cluster.relation = Relation::SameStory;
            cluster.score = 0.0;
        }
    }
    clusters.sort_by_key(|c| c.members[0]);
    clusters
}

/// Each story's group among `groups`, if it is in one.
fn group_of(n: usize, groups: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut group_of = vec![None; n];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
        }
    }
    group_of
}

/// A story left out of every group joins one it is on average at least this similar to...
const JOIN_AVERAGE: f32 = 0.1;
/// ...and this many times more similar than to any other group.
const JOIN_MARGIN: f32 = 1.5;

/// A lone story joining a group, and its similarity to the member it is most like.
struct Join {
    story: usize,
    group: usize,
    strongest: f32,
}

/// Stories in no group whose ties to one group are clear: at least [`JOIN_AVERAGE`] on average
/// over its members, [`JOIN_MARGIN`] times the average to any other group, and to one member
/// as strong as a same-story link, `link_bar` (which failed on shared evidence or on the
/// group's average) or, in a group of [`GROUP_MIN_STORIES`] or more whose average tells more,
/// as strong as what holds groups together ([`AVERAGE_LINK_COSINE`]). A story, unlike a group, cannot show by
/// itself whom its event is about, so a weaker average than [`AVERAGE_LINK_COSINE`] suffices
/// when nothing else competes for it. Groups `differ` holds it apart from (those holding a story
/// of its page) are left out.
fn join_lone(
    groups: &[Vec<usize>],
    group_of: &[Option<usize>],
    similar: &Similar,
    differ: &impl Fn(&[usize], &[usize]) -> bool,
    link_bar: f32,
) -> Vec<Join> {
    // Every tie of a lone story to a grouped one, in a fixed order so that sums do not depend
    // on the map's.
    let mut ties: Vec<(usize, usize, f32)> = Vec::new();
    for (&key, &value) in similar {
        let (a, b) = pair_of(key);
        for (lone, other) in [(a, b), (b, a)] {
            if let (None, Some(group)) = (group_of[lone], group_of[other]) {
                ties.push((lone, group, value));
            }
        }
    }
    ties.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
    let mut joins = Vec::new();
    for story_ties in ties.chunk_by(|x, y| x.0 == y.0) {
        // (average, group, strongest tie) for each group the story has ties to, best first.
        let story = story_ties[0].0;
        let mut by_group: Vec<(f32, usize, f32)> = story_ties
            .chunk_by(|x, y| x.1 == y.1)
            .filter(|group_ties| !differ(&[story], &groups[group_ties[0].1]))
            .map(|group_ties| {
                let group = group_ties[0].1;
                let sum: f32 = group_ties.iter().map(|tie| tie.2).sum();
                let strongest = group_ties.iter().map(|tie| tie.2).fold(0.0, f32::max);
                (sum / groups[group].len() as f32, group, strongest)
            })
            .collect();
        by_group.sort_by(|x, y| y.0.total_cmp(&x.0));
        let second = by_group.get(1).map_or(0.0, |other| other.0);
        if let Some(&(average, group, strongest)) = by_group.first() {
            // A few stories show little by their average: a link's strength is asked.
            let bar = if groups[group].len() >= GROUP_MIN_STORIES {
                AVERAGE_LINK_COSINE
            } else {
                link_bar
            };
            if strongest >= bar && average >= JOIN_AVERAGE && average >= JOIN_MARGIN * second {
                joins.push(Join {
                    story,
                    group,
                    strongest,
                });
            }
        }
    }
    joins
}

/// Groups merge while their average similarity is at least this.
const AVERAGE_LINK_COSINE: f32 = 0.16;
/// Components larger than this stay whole: average-link merging costs the cube of their size.
const AVERAGE_LINK_MAX: usize = 300;

/// Splits a component: repeatedly merges the two groups with the highest average similarity
/// while it is at least [`AVERAGE_LINK_COSINE`], unless `differ` says the two groups report
/// different events. Near-duplicates hold together because `similarity` gives them 1.
fn average_link(
    members: &[usize],
    similarity: &impl Fn(usize, usize) -> f32,
    differ: &impl Fn(&[usize], &[usize]) -> bool,
) -> Vec<Vec<usize>> {
    if members.len() <= 2 || members.len() > AVERAGE_LINK_MAX {
        return vec![members.to_vec()];
    }
    let m = members.len();
    // Group averages, kept up to date as groups merge (Lance and Williams): merging x and y,
    // avg(x ∪ y, z) = (|x| avg(x, z) + |y| avg(y, z)) / (|x| + |y|).
    let mut average = vec![vec![0.0f32; m]; m];
    for a in 0..m {
        for b in a + 1..m {
            let s = similarity(members[a], members[b]);
            average[a][b] = s;
            average[b][a] = s;
        }
    }
    let mut groups: Vec<Vec<usize>> = (0..m).map(|i| vec![i]).collect();
    let mut alive = vec![true; m];
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for x in (0..m).filter(|&x| alive[x]) {
            for y in (x + 1..m).filter(|&y| alive[y]) {
                if best.is_none_or(|(_, _, s)| average[x][y] > s) {
                    best = Some((x, y, average[x][y]));
                }
            }
        }
        let Some((x, y, _)) = best.filter(|&(_, _, value)| value >= AVERAGE_LINK_COSINE) else {
            break;
        };
        let stories = |g: &[usize]| g.iter().map(|&i| members[i]).collect::<Vec<usize>>();
        if differ(&stories(&groups[x]), &stories(&groups[y])) {
            // Never these two; the next best pair is tried.
            average[x][y] = f32::NEG_INFINITY;
            average[y][x] = f32::NEG_INFINITY;
            continue;
        }
        let (nx, ny) = (groups[x].len() as f32, groups[y].len() as f32);
        for z in (0..m).filter(|&z| alive[z] && z != x && z != y) {
            let merged = (nx * average[x][z] + ny * average[y][z]) / (nx + ny);
            average[x][z] = merged;
            average[z][x] = merged;
        }
        let moved = std::mem::take(&mut groups[y]);
        groups[x].extend(moved);
        alive[y] = false;
    }
    groups
        .into_iter()
        .zip(alive)
        .filter(|(g, alive)| *alive && g.len() >= 2)
        .map(|(g, _)| g)
        .map(|g| {
            let mut ids: Vec<usize> = g.into_iter().map(|i| members[i]).collect();
            ids.sort_unstable();
            ids
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_counts_in_full_for_four_months_then_by_half() {
        // The second report, published on each of these days after the first.
        let similarity = |published: Option<&str>| {
            let mut index = StoryIndex::new();
            let first = "The council of Port Averne voted to rebuild the Kessler harbour wall, Daniel Ruiz said.";
            let second = "Daniel Ruiz, mayor of Port Averne, says work on the Kessler harbour wall starts in spring.";
            let a = index.insert_fingerprint(Fingerprint::new(None, first, Some("2 March 2025")));
            let b = index.insert_fingerprint(Fingerprint::new(None, second, published));
            let vectors: Vec<_> = index.stories.iter().map(|f| index.weighted(f)).collect();
            index.judge(&vectors, a, b, index.same_story_bar()).0
        };
        let undated = similarity(None);
        assert!(undated > 0.0);
        assert_eq!(similarity(Some("20 March 2025")), undated);
        assert_eq!(similarity(Some("30 June 2025")), undated, "120 days later");
        assert_eq!(
            similarity(Some("1 July 2025")),
            undated * DATES_DIFFER,
            "121 days later"
        );
    }

    /// Five reports of one club's offer to a player, told in turns of phrase that vary.
    fn offers(club: &str, index: &mut StoryIndex) -> Vec<usize> {
        let openers = [
            "Baseball news:",
            "Late on Friday,",
            "At the winter meetings,",
            "According to reports,",
            "In Las Vegas,",
        ];
        openers
            .iter()
            .map(|opener| {
                let text = format!(
                    "{opener} the {club} offered Mark Teixeira an eight-year contract worth 160 million. \
                     Teixeira, the first baseman, met Scott Boras. The {club} want an answer soon. \
                     Teixeira hit 33 home runs and drove in 121 runs for Atlanta and Oakland last \
                     season, and the New York Yankees called Boras on Thursday."
                );
                index.insert_fingerprint(Fingerprint::new(None, &text, None))
            })
            .collect()
    }

    /// Stories about other things, as an index holds: they make the offers' shared words rare.
    fn others(index: &mut StoryIndex) {
        for (place, event) in [
            ("Lisbon", "a tram line reopened"),
            ("Dakar", "the port doubled its cranes"),
            ("Quito", "a volcano woke up"),
            ("Oslo", "the library lent its millionth book"),
            ("Hanoi", "a metro station opened"),
            ("Lima", "the harvest festival began"),
            ("Perth", "a heatwave closed schools"),
            ("Riga", "the choir festival sold out"),
            ("Accra", "a new bridge was tested"),
            ("Tunis", "the film week opened"),
        ] {
            let text = format!("In {place} {event} on Monday, officials said.");
            index.insert_fingerprint(Fingerprint::new(None, &text, None));
        }
    }

    #[test]
    fn stories_of_one_page_never_meet_in_a_cluster() {
        // A digest lists two ceremonies; another outlet reports the first: it may cluster with
        // either, but no group or lone join brings the digest's two together.
        let first = "The president received the credentials of the ambassador of Japan, Kenji Sato, at the palace of Koulouba, and wished him a fruitful mission in Bamako.";
        let second = "At the palace of Koulouba, the president received the credentials of the ambassador of Peru, Ana Ruiz, and wished her a fruitful mission in Bamako.";
        let report = "Kenji Sato, the new ambassador of Japan, presented his credentials to the president at the palace of Koulouba in Bamako.";
        let fingerprint = |text: &str| Fingerprint::new(None, text, None);
        let mut index = StoryIndex::new();
        others(&mut index);
        let digest = index.insert_page([first, second].map(fingerprint));
        let reported = index.insert_fingerprint(fingerprint(report));
        let clusters = index.clusters();
        let members: Vec<&[usize]> = clusters.iter().map(|c| c.members.as_slice()).collect();
        assert_eq!(members, [[digest.start, reported]]);
        // The same three from three pages: one cluster.
        let mut index = StoryIndex::new();
        others(&mut index);
        let ids: Vec<usize> = [first, second, report]
            .map(|text| index.insert_fingerprint(fingerprint(text)))
            .into();
        assert_eq!(index.clusters()[0].members, ids);
    }

    /// Two groups alike enough to merge are told apart, as two clusters, but not with `fewer`
    /// stories of the first.
    fn stay_apart(index: &StoryIndex, first: &[usize], second: &[usize], fewer: usize) {
        assert!(index.similarity(first[0], second[0]) >= AVERAGE_LINK_COSINE);
        assert!(index.groups_differ(first, second));
        assert!(
            !index.groups_differ(&first[..fewer], second),
            "too few to tell"
        );
        let clusters: Vec<Vec<usize>> = index.clusters().into_iter().map(|c| c.members).collect();
        assert_eq!(clusters, [first, second]);
    }

    #[test]
    fn groups_each_about_someone_the_other_never_names_stay_apart() {
        let mut index = StoryIndex::new();
        others(&mut index);
        let angels = offers("Angels", &mut index);
        let red_sox = offers("Red Sox", &mut index);
        stay_apart(&index, &angels, &red_sox, 4);
    }

    /// Three reports of an earthquake on one island, with its magnitude, its toll and what
    /// else each tells.
    fn quake(magnitude: &str, toll: &str, detail: &str, index: &mut StoryIndex) -> Vec<usize> {
        [
            "Breaking:",
            "On Sunday evening,",
            "According to state television,",
        ]
        .iter()
        .map(|opener| {
            let text = format!(
                "{opener} an earthquake of magnitude {magnitude} shook Marrow Island and {toll}, \
                     governor Elena Vask said. {detail} Rescue teams were sent from Port Averne."
            );
            index.insert_fingerprint(Fingerprint::new(None, &text, None))
        })
        .collect()
    }

    #[test]
    fn groups_each_giving_figures_the_other_never_gives_stay_apart() {
        // Two earthquakes on one island: the same places and people, other figures.
        let mut index = StoryIndex::new();
        others(&mut index);
        let first = quake("5.6", "injured 35 people", FIRST_DETAIL, &mut index);
        let second = quake("6.1", "killed 12 people", SECOND_DETAIL, &mut index);
        stay_apart(&index, &first, &second, 2);
        // Reports agreeing on a figure are not told apart by the figures they do not share.
        let mut index = StoryIndex::new();
        let first = quake("6.1", "injured 35 people", FIRST_DETAIL, &mut index);
        let second = quake("6.1", "killed 12 people", SECOND_DETAIL, &mut index);
        assert!(!index.groups_differ(&first, &second));
    }

    const FIRST_DETAIL: &str = "Walls of houses collapsed in the villages of Tarn and Lusk, \
        and two thousand tents were made ready in case they were needed.";
    const SECOND_DETAIL: &str = "The tremor was felt across the gulf, and the old harbour \
        mosque lost its minaret while schools stayed closed for the week.";

    #[test]
    fn groups_that_share_their_central_names_may_merge() {
        let mut index = StoryIndex::new();
        let angels = offers("Angels", &mut index);
        let more = offers("Angels", &mut index);
        assert!(!index.groups_differ(&angels, &more));
    }

    #[test]
    fn a_pair_is_as_similar_alone_as_among_unrelated_stories() {
        let report = |text: &str| Fingerprint::new(None, text, None);
        // No long word a language uses often ("Daniel" and Italian "averne" are such): a small
        // index weighs those by their language and by how many stories it lacks.
        let pair = [
            report(
                "Mayor Dario Ruiz reopened the Kessler Viaduct in Port Ilvane on 14 March 2025.",
            ),
            report(
                "On 14 March 2025 the Kessler Viaduct reopened, Dario Ruiz of Port Ilvane said. \
                 Shops had lost a third of their trade, said Marta Oyelaran of the traders.",
            ),
        ];
        let similarity_among = |others: usize| {
            let mut index = StoryIndex::new();
            for n in 0..others {
                // Numbers from 100 on: none the pair gives.
                index.insert_fingerprint(report(&format!("Lot {} sold quickly.", 100 + n)));
            }
            let a = index.insert_fingerprint(pair[0].clone());
            let b = index.insert_fingerprint(pair[1].clone());
            index.similarity(a, b)
        };
        let alone = similarity_among(0);
        assert!(alone > 0.5, "{alone}");
        // Rarity is judged against at least RARITY_FLOOR_STORIES stories, whoever they are.
        assert_eq!(similarity_among(40), alone);
        assert_ne!(similarity_among(RARITY_FLOOR_STORIES), alone);
    }

    #[test]
    fn a_small_index_knows_which_words_its_languages_use_often() {
        let mut index = StoryIndex::new();
        let told = || Fingerprint::new(None, "the avalanche and the government", None);
        let story = index.insert_fingerprint(told());
        index.insert_fingerprint(told());
        // Both words are in both stories alone: only their language tells them apart.
        let weights: Vec<f32> = index
            .weighted(&index.stories[story])
            .iter()
            .map(|&(_, weight)| weight)
            .collect();
        let [a, b] = weights[..] else {
            panic!("two words weighed: {weights:?}")
        };
        assert!(a.max(b) > 2.0 * a.min(b), "{weights:?}");
    }

    #[test]
    fn a_small_index_asks_more_of_a_link() {
        let bar = |stories: usize| {
            let mut index = StoryIndex::new();
            for n in 0..stories {
                index.insert_fingerprint(Fingerprint::new(None, &format!("Lot {n}."), None));
            }
            index.same_story_bar()
        };
        assert_eq!(bar(0), SAME_STORY_COSINE + SMALL_INDEX_EXTRA);
        assert_eq!(
            bar(SMALL_INDEX_STORIES / 2),
            SAME_STORY_COSINE + SMALL_INDEX_EXTRA / 2.0
        );
        assert_eq!(bar(SMALL_INDEX_STORIES), SAME_STORY_COSINE);
        assert_eq!(bar(2 * SMALL_INDEX_STORIES), SAME_STORY_COSINE);
    }

    #[test]
    fn a_lone_story_joins_the_one_group_it_is_clearly_like() {
        // Story 5 alone, beside a group of five and a pair.
        let groups = [vec![0, 1, 2, 3, 4], vec![6, 7]];
        let of = group_of(8, &groups);
        let ties = |pairs: &[((usize, usize), f32)]| {
            pairs
                .iter()
                .map(|&((a, b), value)| (pair_key(a, b), value))
                .collect()
        };
        let joined = |similar: &Similar| {
            let differ = |_: &[usize], _: &[usize]| false;
            let joins = join_lone(&groups, &of, similar, &differ, SAME_STORY_COSINE);
            joins
                .iter()
                .map(|j| (j.story, j.group, j.strongest))
                .collect::<Vec<_>>()
        };
        // To the five: one tie as strong as a group's but short of a link, an average of
        // .106, nothing elsewhere.
        let clear = [
            ((0, 5), 0.18),
            ((1, 5), 0.1),
            ((2, 5), 0.1),
            ((3, 5), 0.1),
            ((4, 5), 0.05),
        ];
        const { assert!(0.18 < SAME_STORY_COSINE) };
        assert_eq!(joined(&ties(&clear)), [(5, 0, 0.18)]);
        // The same ties, but the pair is as close on average: no choice made.
        let torn = [&clear[..], &[((5, 6), 0.15), ((5, 7), 0.1)]].concat();
        assert_eq!(joined(&ties(&torn)), []);
        // A high average without one tie as strong as a group's.
        let weak = [0, 1, 2, 3, 4].map(|m| ((m, 5), 0.15));
        assert_eq!(joined(&ties(&weak)), []);
        // A strong tie to one member of five, the others unlike it.
        assert_eq!(joined(&ties(&[((0, 5), 0.25)])), []);
        // A pair's average says little: it takes a tie as strong as a link.
        assert_eq!(joined(&ties(&[((5, 6), 0.18), ((5, 7), 0.1)])), []);
        assert_eq!(
            joined(&ties(&[((5, 6), 0.25), ((5, 7), 0.1)])),
            [(5, 1, 0.25)]
        );
    }
}
