//! Labels: every block judged content, teaser, chrome or metadata.
//!
//! The article body is found first, as the run of blocks with the greatest total weight: prose
//! weighs for, everything that looks like site furniture against (short lines, cue phrases,
//! repeated blocks, links, markup hints). A lighter run wins when it comes first and a pointer
//! to other articles follows it: comments and appended articles never precede the story.
//! Inside the body, sub-headings and list items are content; datelines, bylines and a repeated
//! title are metadata. The title is looked for just above the body. Outside the body, blocks
//! are teasers when they advertise other articles (cue phrases, title-like lines, their
//! snippets, headlines run into their snippets, and the dates and counters between them) and
//! chrome otherwise.

use crate::blocks::{Hint, RawBlock};
use crate::lexicon::{self, Cue};
use crate::page::Kind;
use crate::signals::Signals;

/// The least total weight a run of blocks needs to be taken for an article body.
const MIN_BODY_WEIGHT: f32 = 3.0;
/// The run under the headline the markup names is the body unless another run weighs this many
/// times more: comments and teaser lists can outweigh a short article, never precede its title.
const ANCHOR_ADVANTAGE: f32 = 3.0;
/// How many blocks under the named headline the body may start.
const ANCHOR_GAP: usize = 12;
/// The most islands the body crosses on each side.
const MAX_CROSSINGS: usize = 16;
/// The most blocks a teaser's snippet runs to.
const SNIPPET_BLOCKS: usize = 2;
/// The most blocks of links the body crosses to reach more of itself.
const MAX_ISLAND: usize = 12;
/// The most blocks of links a share bar holds.
const SHARE_BAR_BLOCKS: usize = 6;
/// How many blocks above the body the title may stand.
const TITLE_SEARCH: usize = 15;

/// The labels of a page's blocks, with where its title and body stand.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Labels {
    pub kinds: Vec<Kind>,
    /// Index of the title block, when the title is one of the blocks.
    pub title: Option<usize>,
    /// First and last index of the body.
    pub body: Option<(usize, usize)>,
}

impl Labels {
    /// How many bytes of text the body's content blocks hold: the story as the page shows it.
    pub(crate) fn story_bytes(&self, blocks: &[RawBlock]) -> usize {
        let Some((first, last)) = self.body else {
            return 0;
        };
        (first..=last)
            .filter(|&i| self.kinds.get(i) == Some(&Kind::Content))
            .filter_map(|i| blocks.get(i))
            .map(|b| b.text.len())
            .sum()
    }
}

/// What the page's markup names as its title, when it does (HTML `<title>`, `og:title`).
#[derive(Default)]
pub(crate) struct TitleHints {
    /// The names, folded once here for every comparison.
    folded: Vec<String>,
}

impl TitleHints {
    /// Hints from the titles the markup gives (empty ones are dropped).
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> TitleHints {
        TitleHints {
            folded: names
                .into_iter()
                .map(lexicon::fold)
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }
}

/// Labels every block.
pub(crate) fn label(blocks: &[RawBlock], signals: &[Signals], hints: &TitleHints) -> Labels {
    let telling = telling_hints(blocks, signals);
    let mut weights: Vec<f32> = blocks
        .iter()
        .zip(signals)
        .map(|(b, s)| weight(b, s, telling))
        .collect();
    weigh_announced_lists(blocks, signals, &mut weights);
    let body = if shows_no_chrome(blocks, signals) {
        Some((0, blocks.len() - 1))
    } else {
        let anywhere = earliest_story(&weights, signals);
        let named = named_title(blocks, signals, hints);
        let under_title = named.and_then(|t| run_under(&weights, t));
        let best = match (under_title, named) {
            (Some(anchored), Some(t))
                if anywhere.is_none_or(|(first, _, total)| {
                    anchored.2 * ANCHOR_ADVANTAGE >= total || under_another_title(blocks, t, first)
                }) =>
            {
                Some(anchored)
            }
            _ => anywhere,
        };
        best.filter(|&(first, last, total)| {
            total >= MIN_BODY_WEIGHT && signals[first..=last].iter().any(|s| s.prose)
        })
        .map(|(first, last, _)| bridge_islands(&weights, signals, first, last))
        .map(|(first, last)| (first, before_records(signals, first, last)))
        .map(|(first, last)| (first, before_comments(signals, first, last)))
        .map(|(first, last)| (first, before_teaser_list(blocks, signals, first, last)))
        .or_else(|| short_item(blocks, signals))
    };
    let found_title = body.and_then(|body| find_title(blocks, signals, hints, body));
    let title = found_title.map(|(t, _)| t);
    // The line under a title that no other title-like line was passed over for.
    let subtitle = found_title.and_then(|(t, nearest)| nearest.then_some(t + 1));
    let title_text = title.map(|t| signals[t].folded());
    let mut kinds = outside_kinds(blocks, signals);
    if let Some((first, last)) = body {
        for i in first..=last {
            kinds[i] = body_kind(
                &blocks[i],
                &signals[i],
                telling,
                title_text,
                title == Some(i),
            );
        }
        // A dateline that runs on into a name and counters, at the story's head.
        for i in first..=last.min(first + DATELINE_REACH) {
            if signals[i].opens_with_date && !signals[i].prose && title != Some(i) {
                kinds[i] = Kind::Metadata;
            }
        }
        // A byline split over two blocks: "By", then the name.
        for i in first..last {
            if lexicon::is_byline_word(signals[i].folded()) && signals[i + 1].name_like {
                kinds[i] = Kind::Metadata;
                kinds[i + 1] = Kind::Metadata;
            }
        }
        // A dateline, even one that runs on into a name and counters; those right over the
        // title, or over the body when it has none, head the story too.
        let dateline = |s: &Signals| s.date_like || s.byline_like || s.opens_with_date;
        let top = title.map_or(first, |t| t.min(first));
        let head = (0..top)
            .rev()
            .take_while(|&i| {
                let s = &signals[i];
                dateline(s) && s.cue.is_none() && !s.prose
            })
            .last()
            .unwrap_or(top);
        for i in head..first {
            let s = &signals[i];
            if dateline(s) {
                kinds[i] = Kind::Metadata;
            } else if Some(i) == subtitle && s.title_like {
                // The lower of two stacked titles: a digest's first headline, a subtitle. Under
                // a title found further up, it may be another story's headline.
                kinds[i] = Kind::Content;
            }
        }
        // An author box closing the body: a name, then the last paragraph, about that person
        // ("Jane Doe" / "Jane Doe covers the courts for ..."). Inside the story, such a pair is
        // a portrait and its caption's subject.
        let last_prose = (first..=last).rev().find(|&i| signals[i].prose);
        for i in first + 1..=last {
            if !signals[i].name_like {
                continue;
            }
            let name = signals[i].folded().split(' ').next().unwrap_or_default();
            let about = (i + 1..=last.min(i + AUTHOR_BOX_GAP))
                .find(|&j| signals[j].prose && signals[j].folded().split(' ').next() == Some(name));
            let about = about.filter(|&j| Some(j) == last_prose);
            if let Some(j) = about {
                kinds[i] = Kind::Chrome;
                kinds[j] = Kind::Chrome;
            }
        }
        // A signature or dateline right under the body.
        for i in last + 1..signals.len().min(last + 3) {
            let s = &signals[i];
            if !(s.byline_like || s.name_like || s.date_like) || s.cue.is_some() {
                break;
            }
            kinds[i] = Kind::Metadata;
        }
    }
    if let Some(t) = title {
        kinds[t] = Kind::Content;
    }
    Labels { kinds, title, body }
}

/// How far into the story a dateline may stand (under a kicker, a title, a subtitle).
const DATELINE_REACH: usize = 3;

/// How many blocks under an author's name the paragraph about them may start.
const AUTHOR_BOX_GAP: usize = 3;

/// A list of other articles needs this many records (headline, byline or date, snippet) in a
/// row: an article does not say "title, author, date, paragraph" three times over.
const MIN_RECORDS: usize = 3;
/// The most datelines, bylines and names between a record's headline and its snippet.
const RECORD_META: usize = 3;

/// Where the body ends when it runs on into a list of other articles: before the first of at
/// least [`MIN_RECORDS`] records in a row that reach its end (and may run on past it), if prose
/// stands before them.
fn before_records(signals: &[Signals], first: usize, last: usize) -> usize {
    // From each block on: how many records follow in a row, and where they end. Filled from
    // the page's end backwards, so each record is read once.
    let n = signals.len();
    let mut run = vec![(0usize, 0usize); n + 1];
    run[n] = (0, n);
    for i in (first..n).rev() {
        run[i] = match record_at(signals, i, n - 1) {
            Some(next) => (run[next].0 + 1, run[next].1),
            None => (0, i),
        };
    }
    // The list may run on past the body's end, but no prose of the body may follow it.
    let last_prose = signals[first..=last].iter().rposition(|s| s.prose);
    for i in first..=last {
        let (records, end) = run[i];
        let rest_is_prose_free = last_prose.is_none_or(|at| end > first + at);
        if records >= MIN_RECORDS && rest_is_prose_free {
            let before = signals[first..i].iter().rposition(|s| s.prose);
            return before.map_or(last, |at| first + at);
        }
    }
    last
}

/// Where the body ends when it runs on into a list of other articles under its heading ("More
/// stories:", "Weitere Inhalte"): at the last prose before a teaser cue that is followed, to the
/// body's end, only by at least [`MIN_RECORDS`] items, list items or lines indented deeper than
/// the cue, however long they run (a date, a headline and a snippet on one line).
fn before_teaser_list(
    blocks: &[RawBlock],
    signals: &[Signals],
    first: usize,
    last: usize,
) -> usize {
    let heads_a_list = |i: usize| {
        let is_item = |b: &RawBlock| b.bullet || b.indent > blocks[i].indent;
        signals[i].cue == Some(Cue::Teaser)
            && !signals[i].prose
            && last - i >= MIN_RECORDS
            && blocks[i + 1..=last].iter().all(is_item)
    };
    (first + 1..last)
        .find(|&i| heads_a_list(i))
        .and_then(|heading| signals[first..heading].iter().rposition(|s| s.prose))
        .map_or(last, |at| first + at)
}

/// Where the body ends when it runs on into the readers' comments: at the last prose before
/// they open ([`opens_comments`]). Comments open with their writers' names and dates, not with
/// prose: a "Comments" line followed by a paragraph is a button, and the story goes on.
fn before_comments(signals: &[Signals], first: usize, last: usize) -> usize {
    (first + 1..last)
        .find(|&i| opens_comments(&signals[i]) && !signals[i + 1].prose)
        .and_then(|opening| signals[first..opening].iter().rposition(|s| s.prose))
        .map_or(last, |at| first + at)
}

/// Whether a block opens the readers' comments: their heading or form, once on the page and
/// not a link. A "Comments" link, or a button repeated in the text, only points at them.
fn opens_comments(s: &Signals) -> bool {
    s.cue == Some(Cue::Comments) && s.repeats == 1 && s.link_density < 0.5
}

/// The index after a record that starts at `i` (and ends by `last`): a headline, one to
/// [`RECORD_META`] datelines, bylines or names, and a snippet (prose, or a sentence).
fn record_at(signals: &[Signals], i: usize, last: usize) -> Option<usize> {
    let snippet = headline_at(signals, i, last)?;
    let reads = |s: &Signals| s.prose || (s.ends_sentence && !s.title_like);
    (snippet <= last && reads(&signals[snippet])).then_some(snippet + 1)
}

/// The index after a headline that starts at `i` and the one to [`RECORD_META`] datelines,
/// bylines or names under it (all by `last`).
fn headline_at(signals: &[Signals], i: usize, last: usize) -> Option<usize> {
    let headline = signals[..=last]
        .get(i)
        .filter(|s| s.title_like || s.link_density > 0.5)?;
    if headline.prose {
        return None;
    }
    let meta = signals[i + 1..=last]
        .iter()
        .take(RECORD_META)
        .take_while(|s| !s.prose && (s.date_like || s.byline_like || s.name_like))
        .count();
    (meta > 0).then_some(i + 1 + meta)
}

/// Whether blocks point to other articles: a teaser cue ("Read more", "Lire aussi"), or
/// [`MIN_RECORDS`] headlines in a row, each with its dateline or byline (a name alone under a
/// line is as often a menu of people).
fn points_to_articles(signals: &[Signals]) -> bool {
    if signals.iter().any(|s| s.cue == Some(Cue::Teaser)) {
        return true;
    }
    let Some(last) = signals.len().checked_sub(1) else {
        return false;
    };
    let (mut i, mut in_row) = (0, 0);
    while i <= last {
        let dated = |next: usize| {
            signals[i + 1..next]
                .iter()
                .any(|s| s.date_like || s.byline_like)
        };
        match headline_at(signals, i, last).filter(|&next| dated(next)) {
            Some(next) => {
                in_row += 1;
                i = next;
            }
            None => {
                in_row = 0;
                i += 1;
            }
        }
        if in_row >= MIN_RECORDS {
            return true;
        }
    }
    false
}

/// Whether a page shows no sign of chrome at all: prose, and nothing else but plain lines (no
/// dateline or byline either). Such a text is already clean, all of it the story, as when
/// chaff's own output is cleaned again.
fn shows_no_chrome(blocks: &[RawBlock], signals: &[Signals]) -> bool {
    signals.iter().any(|s| s.prose)
        && blocks
            .iter()
            .zip(signals)
            .all(|(b, s)| is_plain(b, s) && !(s.date_like || s.byline_like))
}

/// Whether a block shows no sign of chrome: no cue, link, repeat, bullet, counter or markup
/// hint.
fn is_plain(block: &RawBlock, s: &Signals) -> bool {
    s.cue.is_none()
        && s.links_free()
        && s.repeats <= 1
        && !block.bullet
        && !s.counter_like
        && matches!(block.hint, Hint::None | Hint::Content)
}

/// A short item has at most this many blocks, one of them at least [`SHORT_ITEM_WORDS`] long.
const SHORT_ITEM_BLOCKS: usize = 6;
const SHORT_ITEM_WORDS: usize = 6;

/// A page without a paragraph long enough to read as prose may still be a story: a news
/// brief, a headline with its first sentence, a wire item. When it is short and shows no sign
/// of chrome but datelines and bylines, it is kept whole rather than dropped.
fn short_item(blocks: &[RawBlock], signals: &[Signals]) -> Option<(usize, usize)> {
    let worded = signals
        .iter()
        .any(|s| s.words >= SHORT_ITEM_WORDS && !s.date_like && !s.byline_like);
    let plain = |(b, s): (&RawBlock, &Signals)| is_plain(b, s) || s.date_like || s.byline_like;
    (blocks.len() <= SHORT_ITEM_BLOCKS && worded && blocks.iter().zip(signals).all(plain))
        .then(|| (0, blocks.len() - 1))
}

/// Which markup hints tell something on this page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TellingHints {
    chrome: bool,
    teaser: bool,
}

/// What an unlinked list item inside the article's container weighs: enough to carry the body
/// across a list between its paragraphs, too little to make a body of lists alone.
const LIST_ITEM_WEIGHT: f32 = 0.3;

/// A paragraph's worth of words: a body the markup names holds at least this much prose.
const NAMED_BODY_WORDS: usize = 30;

/// A hint that covers most of a page's prose is the page's wrapper ("content-sidebar-wrap"),
/// not a verdict on its blocks: on that page it tells nothing, unless the markup also names
/// the article's body.
fn telling_hints(blocks: &[RawBlock], signals: &[Signals]) -> TellingHints {
    let prose_words = |hint: Option<Hint>| -> usize {
        blocks
            .iter()
            .zip(signals)
            .filter(|(b, s)| s.prose && hint.is_none_or(|h| b.hint == h))
            .map(|(_, s)| s.words)
            .sum()
    };
    let all = prose_words(None);
    let minority = |hint: Hint| prose_words(Some(hint)) * 2 < all.max(1);
    // Where the markup names the article's body and it holds a paragraph, the rest of the
    // page's chrome is told apart by name too, however much it says (a long comment thread).
    let named_body = prose_words(Some(Hint::Content)) >= NAMED_BODY_WORDS;
    TellingHints {
        chrome: minority(Hint::Chrome) || named_body,
        teaser: minority(Hint::Teaser),
    }
}

/// How much a block weighs for (positive) or against (negative) being part of the body.
fn weight(block: &RawBlock, s: &Signals, telling: TellingHints) -> f32 {
    let words = s.words as f32;
    let mut w = if s.prose {
        1.0 + words.min(120.0) / 10.0
    } else if s.words >= 6 && s.ends_sentence && s.stopword_density >= 0.15 {
        0.5
    } else if s.title_like {
        -0.5
    } else {
        -1.0
    };
    w -= match s.cue {
        Some(Cue::Teaser) => 15.0,
        Some(Cue::Chrome | Cue::Comments) => 8.0,
        Some(Cue::Inline) => 0.0,
        None => 0.0,
    };
    let plain_caption =
        block.hint == Hint::Caption && !s.prose && s.cue.is_none() && s.link_density < 0.5;
    if plain_caption {
        // A picture's caption is not the story, but a gallery inside the article, the same
        // caption under each picture, does not end it either.
        return 0.0;
    }
    if s.cue == Some(Cue::Inline) || s.counter_like {
        // Advertisement labels recur down a page by nature, and so do the counters set
        // between an article's pictures (a gallery's "1/2", a photo's likes): each weighs
        // the same, and none cuts the article.
        return -1.0;
    }
    if s.link_density > 0.5 && block.page_link_chars * 2 >= block.link_chars && !s.prose {
        // A table of contents points into the article it stands in: not the story, but no
        // sign that the story ends.
        return 0.0;
    }
    if block.table_row && !s.prose && s.cue.is_none() && s.link_density < 0.5 {
        // A table's rows neither make nor break a body: inside one, they belong to it.
        return 0.0;
    }
    if block.bullet
        && block.links == 0
        && block.hint == Hint::Content
        && !s.prose
        && !s.name_like
        && s.words >= 2
        && s.cue.is_none()
        && s.repeats == 1
    {
        // A list without links where the markup puts the article (features, ingredients,
        // steps) is part of it: menus and teaser lists are links, and lists of people's names
        // are mastheads.
        return LIST_ITEM_WEIGHT;
    }
    if s.repeats > 1 && !(s.own_copy && s.prose && !s.title_like) {
        // Text shown twice on a page is a teaser or a menu, never the story's own; but a
        // paragraph of the article that a teaser box elsewhere quotes is still the article's.
        w = w.min(0.0) - 3.0;
    }
    if s.link_density > 0.5 {
        w -= 2.0 + words / 5.0;
    }
    if s.truncated {
        w -= 2.0;
    }
    // Class names are noisy ("content-sidebar-wrap", "tag-politics" on the article itself):
    // they weigh on short and linked blocks, and only lightly on prose.
    let hint_scale = if s.prose { 0.25 } else { 1.0 };
    w + hint_scale
        * match block.hint {
            Hint::Chrome if telling.chrome => -2.0 - words / 10.0,
            Hint::Teaser if telling.teaser => -3.0 - words / 10.0,
            Hint::Content => 0.5,
            Hint::Chrome | Hint::Teaser | Hint::Caption | Hint::Author | Hint::None => 0.0,
        }
}

/// A list a sentence announces ("The law brings these changes:") belongs to the text around
/// it: its items, bulleted or numbered and without links, weigh as list items in the article's
/// container do. Menus and teaser lists are not announced by a sentence of their own.
fn weigh_announced_lists(blocks: &[RawBlock], signals: &[Signals], weights: &mut [f32]) {
    let announces = |i: usize| {
        let s = &signals[i];
        blocks[i].text.ends_with(':') && s.words >= 3 && s.links_free() && s.cue.is_none()
    };
    let item = |i: usize| {
        let (b, s) = (&blocks[i], &signals[i]);
        (b.bullet || numbered(&b.text)) && b.links == 0 && s.cue.is_none() && s.repeats == 1
    };
    let mut i = 0;
    while i < blocks.len() {
        if announces(i) {
            let mut j = i + 1;
            while j < blocks.len() && item(j) {
                weights[j] = weights[j].max(LIST_ITEM_WEIGHT);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Whether a text opens with an item number ("1. ", "2) ").
fn numbered(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Whether a heading of the named title's rank or higher, other than the named title, opens
/// or stands just above block `first`: then the run from there is another article (the next
/// one a site appends to the page, or one of a list), not the one the markup names.
fn under_another_title(blocks: &[RawBlock], title: usize, first: usize) -> bool {
    let rank = blocks[title].heading;
    rank > 0
        && (first.saturating_sub(ANCHOR_GAP)..=first)
            .any(|j| j != title && blocks[j].heading > 0 && blocks[j].heading <= rank)
}

/// The heaviest run of each stretch of the page, as (first, last, total weight): Kadane's
/// scan, where a stretch ends as its running total falls below zero. The heaviest of them is
/// the heaviest run of the page.
fn stretch_runs(weights: &[f32]) -> Vec<(usize, usize, f32)> {
    let mut runs: Vec<(usize, usize, f32)> = Vec::new();
    let mut start = 0;
    let mut sum = 0.0f32;
    for (i, &w) in weights.iter().enumerate() {
        if sum < 0.0 || i == 0 {
            start = i;
            sum = 0.0;
            runs.push((i, i, w));
        }
        sum += w;
        if let Some(best) = runs.last_mut().filter(|best| sum > best.2) {
            *best = (start, i, sum);
        }
    }
    runs
}

/// The page's heaviest run, unless readers' comments open before it, or an earlier run a third
/// as heavy ([`EARLIER_STORY_SHARE`]) is followed, before it, by a pointer to other articles
/// ([`points_to_articles`]): comments, the next articles a site appends and a footer's long
/// notice can outweigh a short story, never precede it. Under comments, the story is the
/// heaviest run before they open.
fn earliest_story(weights: &[f32], signals: &[Signals]) -> Option<(usize, usize, f32)> {
    let runs = stretch_runs(weights);
    let best = heaviest(runs.iter())?;
    let a_story = |&&(first, last, total): &&(usize, usize, f32)| {
        total >= MIN_BODY_WEIGHT && signals[first..=last].iter().any(|s| s.prose)
    };
    let comments = signals[..best.0].iter().position(opens_comments);
    if let Some(story) = comments
        .and_then(|opening| heaviest(runs.iter().filter(|run| run.1 < opening).filter(a_story)))
    {
        return Some(story);
    }
    runs.iter()
        .take_while(|run| run.0 < best.0)
        .filter(a_story)
        .find(|&&(_, last, total)| {
            total * EARLIER_STORY_SHARE >= best.2 && points_to_articles(&signals[last + 1..best.0])
        })
        .copied()
        .or(Some(best))
}

/// The heaviest of `runs` (the first of equals).
fn heaviest<'a>(
    runs: impl Iterator<Item = &'a (usize, usize, f32)>,
) -> Option<(usize, usize, f32)> {
    runs.copied()
        .reduce(|best, run| if run.2 > best.2 { run } else { best })
}

/// An earlier story weighs at least a third of the heaviest run (the factor between them).
const EARLIER_STORY_SHARE: f32 = 3.0;

/// The first heading or title-like block whose text the markup names as the page's title.
fn named_title(blocks: &[RawBlock], signals: &[Signals], hints: &TitleHints) -> Option<usize> {
    let named = &hints.folded;
    (0..blocks.len())
        .find(|&i| is_title_candidate(&blocks[i], &signals[i]) && names_match(named, &signals[i]))
}

fn is_title_candidate(block: &RawBlock, s: &Signals) -> bool {
    (block.heading > 0 || s.title_like) && s.cue.is_none() && s.link_density < 0.5
}

/// Whether a block's text is one of the names, or most of one (titles carry the site's name).
fn names_match(named: &[String], s: &Signals) -> bool {
    s.words >= 2
        && named
            .iter()
            .any(|n| n == s.folded() || (n.contains(s.folded()) && s.folded().len() * 2 >= n.len()))
}

/// The run that starts at the first block weighing for the body within [`ANCHOR_GAP`] blocks
/// under block `title`, and ends where its running total peaks: the body starts under its title
/// even when its first stretch dips.
fn run_under(weights: &[f32], title: usize) -> Option<(usize, usize, f32)> {
    let start =
        (title + 1..weights.len().min(title + 1 + ANCHOR_GAP)).find(|&i| weights[i] > 0.0)?;
    let mut best: Option<(usize, usize, f32)> = None;
    let mut sum = 0.0;
    for (end, w) in weights.iter().enumerate().skip(start) {
        sum += w;
        if best.is_none_or(|(_, _, total)| sum > total) {
            best = Some((start, end, sum));
        }
    }
    best
}

/// Extends the body over islands of links set inside the text: a "Read more" line or a box of
/// related headlines points away from the story without ending it. An island is a few blocks
/// that are not plain prose, holding a cue or a link list; the body crosses it when the prose
/// beyond is heavy enough to be a body of its own. An island with a chrome cue in it (a comment
/// counter, a share bar) is crossed only when it is that one block: comment sections and page
/// footers start with such blocks.
fn bridge_islands(
    weights: &[f32],
    signals: &[Signals],
    first: usize,
    last: usize,
) -> (usize, usize) {
    let forward = |from: usize| cross_island(weights, signals, from..weights.len(), false);
    let backward = |from: usize| cross_island(weights, signals, (0..from).rev(), true);
    let (mut first, mut last) = (first, last);
    // Each crossing walks the page once at most; a bounded number keeps the whole linear.
    for _ in 0..MAX_CROSSINGS {
        match forward(last + 1) {
            Some(end) => last = end,
            None => break,
        }
    }
    for _ in 0..MAX_CROSSINGS {
        match backward(first) {
            Some(start) => first = start,
            None => break,
        }
    }
    (first, last)
}

/// Walks `order` from the block next to the body: an island, then prose; returns the far end of
/// the heaviest stretch of prose beyond the island, when the body should reach it.
fn cross_island(
    weights: &[f32],
    signals: &[Signals],
    mut order: impl Iterator<Item = usize>,
    upwards: bool,
) -> Option<usize> {
    let furniture = |s: &Signals| !s.prose || s.link_density >= 0.5;
    let (mut island, mut linked, mut chrome) = (0usize, false, false);
    let mut all_linked = true;
    let mut next = order.next();
    while let Some(i) = next.filter(|&i| furniture(&signals[i])) {
        island += 1;
        all_linked &= signals[i].link_density >= 0.5;
        linked |= matches!(signals[i].cue, Some(Cue::Teaser | Cue::Inline))
            || signals[i].link_density >= 0.5;
        chrome |= matches!(signals[i].cue, Some(Cue::Chrome | Cue::Comments));
        if island > MAX_ISLAND {
            return None;
        }
        next = order.next();
    }
    // Above the body, a short bar of links with a chrome cue is a share bar under the lead:
    // comment sections and footers, which such bars also open, come after a story.
    let share_bar = upwards && island <= SHARE_BAR_BLOCKS && all_linked;
    let lone_cue = (island == 1 && chrome) || share_bar;
    if island == 0 || !(linked || lone_cue) || (chrome && !lone_cue) {
        return None;
    }
    let (mut sum, mut best, mut end) = (0.0f32, 0.0f32, None);
    let (mut blocks, mut next_cue) = (0usize, None);
    for i in next.into_iter().chain(order) {
        if matches!(
            signals[i].cue,
            Some(Cue::Teaser | Cue::Chrome | Cue::Comments)
        ) {
            next_cue = signals[i].cue;
            break;
        }
        blocks += 1;
        sum += weights[i];
        if sum > best {
            best = sum;
            end = Some(i);
        }
    }
    // A paragraph or two between two teaser cues is a teaser's snippet, not the story resuming.
    let snippet = blocks <= SNIPPET_BLOCKS && next_cue == Some(Cue::Teaser);
    end.filter(|_| best >= MIN_BODY_WEIGHT && !snippet)
}

/// A title tells of its story: at least this share of its words (stopwords and words of one or
/// two letters aside) come back in the body. A line of chrome over the body ("Votre adresse
/// email", "Lesezeit: 3 Minuten") tells of nothing.
const TITLE_WORDS_IN_BODY: f32 = 0.5;
/// How many of the body's first words a title's words are looked for in: a title tells of
/// what its story says first.
const TITLE_BODY_WORDS: usize = 200;
/// A body of fewer words than this is too short to show that a line over it names nothing it
/// names.
const TITLE_JUDGING_WORDS: usize = 100;

/// The words of the candidate titles over a body, and which of them the body's first words
/// name: found in one pass, a search only for words shaped like a candidate's.
struct TitleWords<'a> {
    /// Each candidate word once, sorted, with whether the body names it.
    words: Vec<(&'a str, bool)>,
    /// How many of the body's first words were read (at most [`TITLE_BODY_WORDS`]).
    body_words: usize,
}

impl<'a> TitleWords<'a> {
    fn of(
        signals: &'a [Signals],
        candidates: impl Iterator<Item = usize>,
        (first, last): (usize, usize),
    ) -> TitleWords<'a> {
        let mut words: Vec<(&str, bool)> = candidates
            .flat_map(|i| title_words(&signals[i]))
            .map(|word| (word, false))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut shapes = lexicon::Shapes::default();
        for (word, _) in &words {
            shapes.insert(word.as_bytes());
        }
        let body = signals.get(first..=last).unwrap_or_default();
        let first_words = body
            .iter()
            .flat_map(|s| lexicon::folded_words(s.folded()))
            .take(TITLE_BODY_WORDS);
        let mut body_words = 0;
        for word in first_words {
            body_words += 1;
            if shapes.may_hold(word.as_bytes()) {
                if let Ok(k) = words.binary_search_by(|&(w, _)| w.cmp(word)) {
                    words[k].1 = true;
                }
            }
        }
        TitleWords { words, body_words }
    }

    /// How many of a candidate's words come back in the body, and of how many.
    fn shared(&self, s: &Signals) -> (usize, usize) {
        title_words(s).fold((0, 0), |(shared, all), word| {
            let named = self
                .words
                .binary_search_by(|&(w, _)| w.cmp(word))
                .is_ok_and(|k| self.words[k].1);
            (shared + usize::from(named), all + 1)
        })
    }

    /// Whether a candidate's words come back in the body, as a title's do.
    fn told_by(&self, s: &Signals) -> bool {
        let (shared, words) = self.shared(s);
        shared > 0 && shared as f32 >= TITLE_WORDS_IN_BODY * words as f32
    }

    /// Whether the body is long enough to show that a candidate names none of its words.
    fn names_none_of(&self, s: &Signals) -> bool {
        self.body_words >= TITLE_JUDGING_WORDS && self.shared(s).0 == 0
    }
}

/// The words of a block that a title and its story share: stopwords and words of one or two
/// letters aside.
fn title_words(s: &Signals) -> impl Iterator<Item = &str> {
    lexicon::folded_words(s.folded())
        .filter(|w| w.chars().nth(2).is_some() && !lexicon::is_stopword(w))
}

/// The title: a block the markup names, else the nearest title-like block above the body that
/// tells of it (else the nearest, unless it stands apart from the body and names nothing the
/// body names), else the body's first block when it reads as a title; and whether it is the
/// nearest, no title-like line passed over between it and the body.
fn find_title(
    blocks: &[RawBlock],
    signals: &[Signals],
    hints: &TitleHints,
    (body_first, body_last): (usize, usize),
) -> Option<(usize, bool)> {
    let from = body_first.saturating_sub(TITLE_SEARCH);
    let until = (body_first + 3).min(blocks.len());
    let named = &hints.folded;
    let named_candidate =
        |i: usize| is_title_candidate(&blocks[i], &signals[i]) && !signals[i].prose;
    if let Some(i) = (from..until)
        .rev()
        .find(|&i| named_candidate(i) && names_match(named, &signals[i]))
    {
        return Some((i, true));
    }
    // Unnamed, a line with a full date ("Martina Berg 19. Juni 2019") is a dateline and a
    // picture's credit a caption, however much they look like titles.
    let dateline_or_credit = |s: &Signals| s.credited || s.date.is_some_and(|d| d.year.is_some());
    let candidate = |i: usize| named_candidate(i) && !dateline_or_credit(&signals[i]);
    // Two titles stacked over the body: a page heading over a digest's first headline, or a
    // headline over its subtitle. The upper one is the page's title, unless it ends a list of
    // headlines or follows a cue.
    let stacked_over = |i: usize| {
        let upper = i
            .checked_sub(1)
            .filter(|&u| candidate(u) && signals[u].repeats <= 1)?;
        let above = upper.checked_sub(1).map(|a| &signals[a]);
        above
            .is_none_or(|a| !a.title_like && a.cue.is_none())
            .then_some(upper)
    };
    // A title over the body is shown once or twice on the page, not in every teaser.
    let title_over_body = |i: usize| candidate(i) && signals[i].repeats <= 2;
    // Candidates nearest first: a line of chrome may look like a title and stand between the
    // title and the body ("Escucha esta noticia", "Print this article"). Each with whether a
    // paragraph stands between it and the body: where the markup names no title, the title may
    // stand over a lead or a caption the body does not take in, and is then taken only if it
    // tells of the body.
    let mut over_body: Vec<(usize, bool)> = Vec::new();
    let mut past_paragraph = false;
    for i in (from..body_first).rev() {
        let s = &signals[i];
        if title_over_body(i) {
            // Of two stacked titles the upper, then the lower, which may tell of the body when
            // the upper does not, unless the markup makes the upper a heading; the upper is
            // met again as the next line up.
            let upper = stacked_over(i);
            let lower = upper.is_none_or(|u| blocks[u].heading == 0).then_some(i);
            for title in upper.into_iter().chain(lower) {
                if !over_body.iter().any(|&(t, _)| t == title) {
                    over_body.push((title, past_paragraph));
                }
            }
            continue;
        }
        if named_candidate(i) && dateline_or_credit(s) {
            // The title stands right over its dateline or picture, or the page shows none.
            over_body.extend(
                i.checked_sub(1)
                    .filter(|&u| u >= from && title_over_body(u))
                    .map(|u| (u, past_paragraph)),
            );
            break;
        }
        if s.prose && !past_paragraph && named.is_empty() && s.cue.is_none() {
            past_paragraph = true;
            continue;
        }
        if s.prose || s.cue == Some(Cue::Teaser) {
            break;
        }
    }
    // The body is read only when needed: to choose among candidates, or to judge one that does
    // not stand right over it.
    let body_read = std::cell::OnceCell::new();
    let words = || {
        body_read.get_or_init(|| {
            let candidates = over_body.iter().map(|&(i, _)| i);
            TitleWords::of(signals, candidates, (body_first, body_last))
        })
    };
    let choice = over_body.len() > 1 || over_body.iter().any(|&(_, past)| past);
    let telling = choice
        .then(|| {
            over_body
                .iter()
                .position(|&(i, _)| words().told_by(&signals[i]))
        })
        .flatten();
    match telling {
        Some(k) => Some((over_body[k].0, k == 0)),
        // When none tells of the body, the nearest, unless a line stands between it and the
        // body and it names nothing the body names: a line of chrome, not a title.
        None => over_body
            .iter()
            .find(|&&(_, past)| !past)
            .filter(|&&(i, _)| i + 1 == body_first || !words().names_none_of(&signals[i]))
            .map(|&(i, _)| (i, true)),
    }
    .or_else(|| candidate(body_first).then_some((body_first, true)))
}

/// A block inside the body that carries a chrome cue is chrome below this many words ("To read
/// the full story, please subscribe."); a paragraph this long that quotes one is the story's,
/// unless the page shows it again (the consent notice over each embedded post).
const CUE_PARAGRAPH_WORDS: usize = 30;

/// The kind of a block inside the body.
fn body_kind(
    block: &RawBlock,
    s: &Signals,
    telling: TellingHints,
    title: Option<&str>,
    is_title: bool,
) -> Kind {
    if is_title {
        return Kind::Content;
    }
    match s.cue {
        Some(Cue::Teaser) => return Kind::Teaser,
        Some(Cue::Chrome | Cue::Comments) if s.words < CUE_PARAGRAPH_WORDS || s.repeats > 1 => {
            return Kind::Chrome;
        }
        Some(Cue::Inline) => return Kind::Chrome,
        _ => {}
    }
    if s.headline_with_snippet {
        return Kind::Teaser;
    }
    if title == Some(s.folded()) || s.date_like || s.byline_like {
        return Kind::Metadata;
    }
    if matches!(block.hint, Hint::Caption | Hint::Author) || s.credited {
        return Kind::Chrome;
    }
    if s.prose {
        return Kind::Content;
    }
    if (s.repeats > 1 && !block.table_row)
        || s.link_density > 0.6
        || (block.hint == Hint::Chrome && telling.chrome)
        || (block.hint == Hint::Teaser && telling.teaser)
    {
        return if s.title_like && block.hint != Hint::Chrome {
            Kind::Teaser
        } else {
            Kind::Chrome
        };
    }
    if s.counter_like {
        Kind::Chrome
    } else {
        Kind::Content
    }
}

/// What a block outside the body shows, before its neighbours are taken into account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// Advertises another article.
    Teaser,
    /// Reads as a title: a teaser when other teasers stand next to it, chrome when alone.
    TitleLike,
    /// Site furniture.
    Chrome,
    /// A word or two: a teaser between teasers, chrome elsewhere.
    Short,
    /// A date, byline or counter: goes with what comes before it.
    Attached,
}

/// Teaser or chrome for every block, as if none were in the body.
fn outside_kinds(blocks: &[RawBlock], signals: &[Signals]) -> Vec<Kind> {
    let mut evidence = Vec::with_capacity(blocks.len());
    for (i, (block, s)) in blocks.iter().zip(signals).enumerate() {
        let after_title = i > 0
            && matches!(
                evidence.get(i - 1),
                Some(Evidence::Teaser | Evidence::TitleLike)
            )
            && signals[i - 1].words >= 4;
        let e = match (s.cue, block.hint) {
            (Some(Cue::Teaser), _) => Evidence::Teaser,
            (Some(Cue::Chrome | Cue::Inline | Cue::Comments), _) => Evidence::Chrome,
            _ if s.menu_like || block.hint == Hint::Caption => Evidence::Chrome,
            _ if s.headline_with_snippet => Evidence::Teaser,
            (None, Hint::Teaser) => Evidence::Teaser,
            _ if s.date_like || s.byline_like || s.counter_like => Evidence::Attached,
            _ if s.title_like && s.words >= 4 => Evidence::TitleLike,
            _ if s.prose && after_title => Evidence::Teaser,
            _ if s.words <= 3 && block.hint != Hint::Chrome && s.repeats <= 1 => Evidence::Short,
            _ => Evidence::Chrome,
        };
        evidence.push(e);
    }
    // For each block, the next telling evidence below it (teaser, title or chrome).
    let mut next_decisive = vec![None; evidence.len()];
    let mut next = None;
    for (i, e) in evidence.iter().enumerate().rev() {
        next_decisive[i] = next;
        if matches!(e, Evidence::Teaser | Evidence::TitleLike | Evidence::Chrome) {
            next = Some(*e);
        }
    }
    let teaser_below = |i: usize| {
        matches!(
            next_decisive[i],
            Some(Evidence::Teaser | Evidence::TitleLike)
        )
    };
    let mut kinds = Vec::with_capacity(blocks.len());
    let mut in_teasers = false;
    for (i, e) in evidence.iter().enumerate() {
        let kind = match e {
            Evidence::Teaser => {
                in_teasers = true;
                Kind::Teaser
            }
            Evidence::TitleLike if in_teasers || teaser_below(i) => {
                in_teasers = true;
                Kind::Teaser
            }
            Evidence::Chrome | Evidence::TitleLike => {
                in_teasers = false;
                Kind::Chrome
            }
            Evidence::Attached if in_teasers => Kind::Teaser,
            Evidence::Attached => Kind::Chrome,
            Evidence::Short if in_teasers && teaser_below(i) => Kind::Teaser,
            Evidence::Short => Kind::Chrome,
        };
        kinds.push(kind);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind of every block of a page.
    fn kinds(page: &crate::Page) -> Vec<Kind> {
        page.blocks.iter().map(|b| b.kind).collect()
    }

    /// The kind of every block of a scraped-text page.
    fn kinds_of(text: &str) -> Vec<Kind> {
        kinds(&crate::clean_text(text))
    }

    /// The first ten bytes of each paragraph of an HTML page's story text.
    fn openings(html: &str) -> Vec<String> {
        let page = crate::clean_html(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        page.text().lines().map(|l| l[..10].to_string()).collect()
    }

    /// The kind of every block of an HTML page.
    fn kinds_of_html(html: &str) -> Vec<Kind> {
        kinds(&crate::clean_html(html.as_bytes()).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn each_stretch_gives_its_heaviest_run() {
        assert_eq!(
            stretch_runs(&[-1.0, 5.0, -1.0, 4.0, -9.0, 3.0]),
            [(0, 0, -1.0), (1, 3, 8.0), (5, 5, 3.0)]
        );
        assert_eq!(stretch_runs(&[]), []);
    }

    #[test]
    fn a_dateline_or_a_picture_credit_over_the_body_is_never_its_title() {
        let body = "The council agreed on Tuesday, after a long debate, to rebuild the old harbour \
                    wall before the winter storms return to the coast.\nWork will start in March \
                    and last eight months, the mayor said, and the harbour stays open.\n";
        let title_of = |over_body: &str, title: &str| {
            crate::clean_text(&format!("Home\nNews\nSport\n{title}{over_body}\n{body}")).title
        };
        for over_body in [
            "Martina Berg 19. Juni 2019",
            "Foto: Nick Fedirko/Shutterstock",
        ] {
            // Nothing reads as a title: none, rather than the line where one would stand.
            assert_eq!(title_of(over_body, ""), None, "{over_body}");
            // The title stands right over its dateline or its picture.
            let title = title_of(over_body, "Harbour wall to be rebuilt\n");
            assert_eq!(title.as_deref(), Some("Harbour wall to be rebuilt"));
        }
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a></nav><p>Bild: Tesla (Musk bei \
             Hauptversammlung 2022)</p><p>{}</p>",
            body.replace('\n', "</p><p>")
        );
        let page = crate::clean_html(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.title, None);
    }

    #[test]
    fn the_title_is_the_line_over_the_body_that_tells_of_it_under_its_dateline() {
        let body = "The council agreed on Tuesday, after a long debate, to rebuild the old harbour \
                    wall before the winter storms return to the coast.\nWork on the wall will \
                    start in March and last eight months, the mayor said, and the harbour stays \
                    open.\n";
        let page = |over_body: &str| {
            crate::clean_text(&format!(
                "Home\nNews\nSport\nHarbour wall to be rebuilt before winter\n\
                 By Jane Doe\n{over_body}\n{body}"
            ))
        };
        // Lines that look like titles and tell of nothing in the story stand between it and
        // its title: passed over, the title's byline is found too.
        for over_body in [
            "Your Daily Newsletter Sign Up",
            "Two minutes to read\nAudio Version Below",
        ] {
            let page = page(over_body);
            assert_eq!(
                page.title.as_deref(),
                Some("Harbour wall to be rebuilt before winter"),
                "{over_body}"
            );
            assert_eq!(page.byline.as_deref(), Some("By Jane Doe"), "{over_body}");
        }
        // A dateline over the title heads the story too.
        let dated = crate::clean_text(&format!(
            "Home\nNews\nSport\n31.01.2022\nHarbour wall to be rebuilt before winter\n{body}"
        ));
        assert_eq!(dated.date.as_deref(), Some("31.01.2022"));
        // Over a lead the body does not take in, a title is taken only if it tells of the body.
        let lead = "The town will spend four million on its oldest wall, and the work is to end \
                    before the storms.";
        let over_lead = |title: &str| {
            crate::clean_text(&format!(
                "Home\nNews\nSport\n{title}\n{lead}\nShare on Facebook\nShare on Twitter\n{body}"
            ))
            .title
        };
        assert_eq!(
            over_lead("Harbour wall to be rebuilt before winter").as_deref(),
            Some("Harbour wall to be rebuilt before winter")
        );
        assert_eq!(over_lead("Spring Sale Now On"), None);
        // Of lines that all tell of nothing, the nearest is taken when it stands right over the
        // body, or when the body is too short to tell; apart from a longer body, it is none.
        let page = crate::clean_text(&format!("Home\nNews\nSport\nSpring Sale Now On\n{body}"));
        assert_eq!(page.title.as_deref(), Some("Spring Sale Now On"));
        let longer = format!(
            "{body}The storms of last winter broke through in three places, flooding the fish \
             market twice; engineers from the regional water board found the old stones loose \
             under a layer of newer concrete.\nBuilders from Ostend and Calais bid for the \
             contract; a decision is expected by Easter, when the budget committee meets again.\n\
             Until then, boats will moor at the northern pier.\n"
        );
        for (body, title) in [(body, Some("Spring Sale Now On")), (&longer, None)] {
            let page = crate::clean_text(&format!(
                "Home\nNews\nSport\nSpring Sale Now On\nBy Jane Doe\n{body}"
            ));
            assert_eq!(page.title.as_deref(), title);
            assert_eq!(page.byline.as_deref(), Some("By Jane Doe"));
        }
    }

    #[test]
    fn a_short_item_without_prose_or_chrome_is_kept_whole() {
        let brief = "Harbour bridge reopens after repairs\n12 May 2024\nThe bridge over the harbour reopened to traffic on Friday after eight months,\n";
        let kinds = kinds_of(brief);
        assert_eq!(
            kinds,
            [Kind::Content, Kind::Metadata, Kind::Content],
            "{kinds:?}"
        );
        let page = crate::clean_text(brief);
        assert_eq!(page.stories.len(), 1);
        assert_eq!(
            page.title.as_deref(),
            Some("Harbour bridge reopens after repairs")
        );
        assert_eq!(page.date.as_deref(), Some("12 May 2024"));
        // Not when a line shows chrome, nor without a line of a few words, nor when the page
        // is too long for a brief.
        for not_a_brief in [
            "Harbour bridge reopens after repairs\nShare this article with your friends\n"
                .to_string(),
            "Home\nNews\nSport\nWeather\n".to_string(),
            // Error pages and bot walls, in several languages.
            "404 Not Found\nThe requested URL was not found on this server.\n".to_string(),
            "Access Denied\nYou don't have permission to access this page on this server.\n"
                .to_string(),
            "Seite nicht gefunden\nDie angeforderte Seite existiert leider nicht mehr.\n"
                .to_string(),
            "Page introuvable\nLa page que vous recherchez a été déplacée ou supprimée.\n"
                .to_string(),
            "Checking your browser before accessing the site, this may take a few seconds.\n"
                .to_string(),
            "301 Moved Permanently\nThe document has moved here, to a new address on this server.\n"
                .to_string(),
            (0..=SHORT_ITEM_BLOCKS)
                .map(|i| format!("Lane {i} of the harbour bridge is open again\n"))
                .collect(),
        ] {
            assert!(
                crate::clean_text(&not_a_brief).stories.is_empty(),
                "{not_a_brief}"
            );
        }
        let error_page = b"<title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on this server.</p>";
        assert!(crate::clean_html(error_page).is_ok_and(|page| page.stories.is_empty()));
    }

    #[test]
    fn teasers_whose_headlines_run_into_their_snippets_do_not_outweigh_a_short_story() {
        let teasers = [
            "Harbour Bridge Reopens After Eight Months Of RepairsThe buses crossed it a few minutes after the ceremony on Friday, and the drivers said the new lanes were wider than the old ones had ever been.",
            "Council Votes To Rebuild The Old Harbour WallA majority of the members backed the plan on Monday evening after a long debate about its cost and about who should pay for the work.",
            "Is The Old Ferry Back For Good?Commuters were asked what they would pay for a seat on it, and most of them said they would rather pay more than wait for the bus in the rain.",
            "Five Cafés To Try In The Old TownA new guide lists the places where the locals go for coffee and cake, and most of them are within a short walk of the market square.",
        ];
        let text = format!(
            "Home\nNews\nSport\n{}\nLibrary opens its new wing\nNovember 19, 2019\nThe city library opened its new wing on Tuesday, with room for twenty thousand more books.\nReaders can borrow from it from next week, the librarian said.\nContact\nPrivacy\n",
            teasers.join("\n")
        );
        let kinds = kinds_of(&text);
        assert_eq!(kinds[3..7], [Kind::Teaser; 4], "{kinds:?}");
        assert_eq!(kinds[9..11], [Kind::Content; 2], "{kinds:?}");
        assert!(crate::clean_text(&text).text().starts_with("Library opens"));
    }

    #[test]
    fn a_story_followed_by_a_list_of_dated_headlines_is_not_outweighed_by_the_footer() {
        let list: String = [
            "Council votes to rebuild the harbour wall",
            "Ferry timetable changes in March",
            "Five cafés to try in the old town",
        ]
        .iter()
        .map(|headline| format!("{headline}\nBy Jane Doe\n11/20/2019 01:14 PM\n"))
        .collect();
        let footer = "The Gazette customer service centre can be contacted with any questions or requests by telephone or e-mail, and it is staffed and answers on weekdays between nine and five and on Saturdays between nine and one, for subscriptions, deliveries, advertising and any other matter our readers may want to raise with us.";
        let text = format!(
            "News\nLibrary opens its new wing\nThe city library opened its new wing on Tuesday, with room for twenty thousand more books and a reading room.\nReaders can borrow from it from next week, the librarian said, once the shelves are full.\n{list}About us\nContact\n{footer}\n"
        );
        let page = crate::clean_text(&text);
        assert!(
            page.text().starts_with("The city library"),
            "{}",
            page.text()
        );
        assert!(!page.text().contains("customer service"), "{}", page.text());
    }

    #[test]
    fn a_story_ends_where_a_heading_opens_a_list_of_other_articles() {
        let paragraph = "The city library opened its new wing on Tuesday, with room for twenty thousand more books and a reading room for students.";
        let item = |day: u32, what: &str| {
            format!(
                "    0{day}.11.2021 - Library news - {what}: the council and the readers of the old town had argued about it for years before the vote."
            )
        };
        let text = format!(
            "Library opens its new wing\n  {paragraph}\n  Readers can borrow from it from next week, the librarian said, once the shelves are full.\n  More stories:\n{}\n{}\n{}\n",
            item(1, "Budget approved"),
            item(2, "New opening hours"),
            item(3, "A reading club for children"),
        );
        let page = crate::clean_text(&text);
        assert!(
            page.text().ends_with("once the shelves are full."),
            "{}",
            page.text()
        );
        // Indented like the story, the lines would be its own.
        let flush = text.replace("    0", "  0");
        assert!(crate::clean_text(&flush).text().contains("Budget approved"));
    }

    #[test]
    fn readers_comments_after_their_heading_do_not_outweigh_a_short_story() {
        let comments = [
            "I have crossed that bridge every morning for twenty years, and I can tell you that the repairs were long overdue, whatever the council says about the cost.",
            "The engineers did a fine job, but nobody has explained why the work took eight months when the first estimate was three, and the shops nearby lost a season.",
            "My children walk over it to school, and the new railings are much better than the old ones, which had been rusting since before they were born.",
            "Let us hope the council keeps the money for the harbour wall as well, since the storms last winter did more damage there than anyone had expected.",
        ];
        let comments: String = comments
            .iter()
            .enumerate()
            .map(|(n, comment)| {
                format!("Reader {n} on November 20, 2019 at 4:47 pm said:\n{comment}\n")
            })
            .collect();
        for heading in ["Leave a Reply", "Kommentare anzeigen"] {
            let text = format!(
                "News\nHarbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs.\nThe buses crossed it a few minutes after the ceremony, and the mayor walked across with the engineers.\n{heading}\n{comments}"
            );
            let page = crate::clean_text(&text);
            assert!(
                page.text().starts_with("The bridge over") && !page.text().contains("Reader 1"),
                "{heading}: {}",
                page.text()
            );
        }
    }

    #[test]
    fn a_story_ends_where_the_comments_under_it_open() {
        let signals_of = |text: &str| {
            let blocks = crate::blocks::text::blocks(text);
            crate::signals::signals(&blocks, crate::Format::Text)
        };
        let story = "The bridge over the harbour was open to traffic on Friday after eight months of repairs.\nThe mayor walked across with the engineers and thanked the crews who had worked through the winter.";
        let comment = "harbourfan\n2 days ago at 07:52 am\nAbout time, the detour through the old town added twenty minutes to my drive every morning.";
        // Blocks 0 and 1 are the story, 2 opens the comments, 3 to 5 are one.
        let signals = signals_of(&format!("{story}\nTop Rated Comments\n{comment}"));
        assert_eq!(before_comments(&signals, 0, 5), 1);
        // Followed by a paragraph, a "Comments" line is a button set in the story.
        let signals = signals_of(&format!("{story}\nComments\n{story}"));
        assert_eq!(before_comments(&signals, 0, 4), 4);
    }

    #[test]
    fn a_comments_button_inside_the_story_does_not_end_it() {
        let text = "News\nHarbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\nThe mayor walked across with the engineers and thanked the crews who had worked through the winter to finish on time.\nComments\nThe council will now turn to the harbour wall, which the storms of last winter damaged more than anyone had expected, and it hopes to start the work in the spring.\nContact\nPrivacy\n";
        let page = crate::clean_text(text);
        assert!(
            page.text().starts_with("The bridge") && page.text().ends_with("in the spring."),
            "{}",
            page.text()
        );
    }

    #[test]
    fn a_byline_over_two_lines_is_metadata() {
        let text = "Harbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs.\nBy\nJane Doe\nThe buses crossed it a few minutes after the ceremony, and the mayor walked across with the engineers.\n";
        let kinds = kinds_of(text);
        assert_eq!(kinds[2..4], [Kind::Metadata, Kind::Metadata], "{kinds:?}");
        assert!(!crate::clean_text(text).stories[0].text.contains("Jane Doe"));
    }

    #[test]
    fn a_dateline_running_on_into_a_name_and_counters_under_the_title_is_metadata() {
        let dateline = "19.6.2007 9:40 Uhr Jane Doe 71 Kommentare";
        let text = format!(
            "Harbour bridge reopens\n{dateline}\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\nThe mayor thanked the crews who had worked through the winter to finish the repairs on time and under budget.\nHome\nNews\nContact\n"
        );
        let kinds = kinds_of(&text);
        assert_eq!(
            kinds[..4],
            [Kind::Content, Kind::Metadata, Kind::Content, Kind::Content],
            "{kinds:?}"
        );
        // Out of the text, the dateline still dates the page and its story.
        let page = crate::clean_text(&text);
        assert_eq!(page.date.as_deref(), Some(dateline));
        assert_eq!(page.stories[0].date.as_deref(), Some(dateline));
    }

    #[test]
    fn a_dateline_at_the_head_of_the_story_is_metadata_and_a_dated_entry_further_down_is_not() {
        let paragraph = |what: &str| {
            format!(
                "<p>The bridge over the harbour was open to {what} on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.</p>"
            )
        };
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/shop>Shop</a></nav>\
             <article><p>Harbour</p><h1>Harbour bridge reopens</h1><p>19.6.2007 9:40 Uhr Jane Doe 71 Kommentare</p>\
             {}{}{}<p>12.5.2007 Work on the bridge began</p>{}</article>",
            paragraph("cars"),
            paragraph("lorries"),
            paragraph("cyclists"),
            paragraph("walkers"),
        );
        let kinds = kinds_of_html(&html);
        assert_eq!(kinds[3], Kind::Metadata, "{kinds:?}");
        assert_eq!(kinds[7], Kind::Content, "{kinds:?}");
    }

    #[test]
    fn a_short_paragraph_with_a_chrome_cue_inside_the_story_is_chrome() {
        let kinds = kinds_of(
            "Harbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony, with the mayor and the engineers walking across behind the first of them while a brass band played on the quay and the crowd that had waited since dawn cheered them on.\nTo view the full story, please subscribe to the Harbour Gazette today.\nThe mayor thanked the engineers and the crews who had worked through the winter to finish the repairs on time, and she said that the council would now turn to the old ferry pier, which has been closed since the storms of the year before.\nWork on the pier is to start in the autumn, once the council has chosen a builder, and it should be finished before the summer season of the following year.\n",
        );
        assert_eq!(
            kinds[1..],
            [Kind::Content, Kind::Chrome, Kind::Content, Kind::Content],
            "{kinds:?}"
        );
    }

    #[test]
    fn a_long_consent_notice_shown_over_each_embedded_post_is_chrome() {
        let notice = "We respect your privacy, and so we do not connect to the social network without your consent: here you can change your settings and load the post, which sends your address and the page you are reading to the network.";
        let kinds = kinds_of(&format!(
            "Harbour bridge reopens\n\
             The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony, with the mayor and the engineers walking across behind the first of them while a brass band played on the quay and the crowd that had waited since dawn cheered them on.\n\
             {notice}\n\
             The mayor thanked the engineers and the crews who had worked through the winter to finish the repairs on time, and she said that the council would now turn to the old ferry pier, which has been closed since the storms of the year before and which the fishermen have asked to see repaired for years.\n\
             {notice}\n\
             Work on the pier is to start in the autumn, once the council has chosen a builder, and it should be finished before the summer season of the following year, when the ferries to the islands are to call at the harbour again for the first time since the storms closed it to them.\n"
        ));
        assert_eq!(
            kinds[1..],
            [
                Kind::Content,
                Kind::Chrome,
                Kind::Content,
                Kind::Chrome,
                Kind::Content
            ],
            "{kinds:?}"
        );
    }

    #[test]
    fn a_list_a_sentence_announces_belongs_to_the_story() {
        let kinds = kinds_of(
            "Harbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\nThe council listed the changes drivers will find on the new deck:\n1. Two lanes in each direction\n2. A cycle path on the east side\n3. Lower speed limits at night\n* from 10 pm to 6 am\n* near the schools\nThe mayor thanked the crews who had worked through the winter.\nHome\nNews\nContact\n",
        );
        assert_eq!(kinds[1..9], [Kind::Content; 8], "{kinds:?}");
        assert_eq!(kinds[9..], [Kind::Chrome; 3], "{kinds:?}");
    }

    #[test]
    fn an_author_box_closing_the_story_is_chrome_and_a_portrait_inside_it_is_not() {
        let kinds = kinds_of(
            "Harbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\nTom Ray\nTom Ray, who led the engineers, said the crews had worked through the winter to finish the repairs on time and under budget.\nThe mayor thanked the crews and said the ferry pier, closed since the storms of last year, would be the next to be repaired.\nJane Doe\nJane Doe covers the harbour, the ferries and the city council for the Harbour Gazette, where she has worked since 2015.\n",
        );
        assert_eq!(kinds[1..5], [Kind::Content; 4], "{kinds:?}");
        assert_eq!(kinds[5..], [Kind::Chrome; 2], "{kinds:?}");
    }

    #[test]
    fn a_box_the_markup_names_as_about_the_author_is_chrome_even_inside_the_article() {
        let paragraph = |n: u32| {
            format!(
                "<p>The bridge over the harbour reopened on day {n} after eight months of repairs, and the buses crossed it a few minutes after the ceremony.</p>"
            )
        };
        let html = format!(
            "<article><h1>Harbour bridge reopens</h1>{}<div class=\"author-box\"><p>Jane Doe covers the harbour, the ferries and the city council for the Harbour Gazette, where she has worked since 2015 and where she leads the city desk.</p></div>{}</article>",
            paragraph(1),
            paragraph(2)
        );
        let kinds = kinds_of_html(&html);
        assert_eq!(
            kinds,
            [Kind::Content, Kind::Content, Kind::Chrome, Kind::Content],
            "{kinds:?}"
        );
        let about = html.replace("author-box", "about-author");
        assert_eq!(kinds_of_html(&about), kinds);
        let plain = html.replace("author-box", "note");
        assert_eq!(kinds_of_html(&plain), [Kind::Content; 4]);
    }

    #[test]
    fn a_heavier_run_after_a_pointer_to_other_articles_does_not_displace_the_story() {
        let mut page = String::from(
            "Harbour bridge reopens\nThe bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\nThe mayor thanked the crews who had worked through the winter to finish the repairs on time and under budget.\nRead also\nFerry fares rise again in spring\nNew school opens on the north shore\nComments\n",
        );
        for who in ["Ann", "Tom", "Eva"] {
            page.push_str(&format!("{who} wrote that the bridge had been closed for far too long and that the council should have told the people who live on the north shore much earlier how long the repairs would really take, because many of them had to drive around the bay every day for eight months.\n"));
        }
        let kinds = kinds_of(&page);
        assert_eq!(kinds[1..3], [Kind::Content; 2], "{kinds:?}");
        assert!(kinds[3..].iter().all(|&k| k != Kind::Content), "{kinds:?}");
    }

    #[test]
    fn counters_between_an_articles_pictures_do_not_cut_it() {
        // A gallery's "1/2" and "2/2", shown with each of its pictures: repeated, yet not
        // teasers.
        let gallery = "<div class=gallery><p>1/2</p><p>2/2</p></div>";
        let paragraph = |text: &str| format!("<p>{text}</p>{gallery}");
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/shop>Shop</a></nav>\
             <article><h1>A flat full of plants</h1>{}{}{}</article>",
            paragraph(
                "Two years ago the old fridge came into my kitchen, and I still cannot stop looking at its colour every morning."
            ),
            paragraph(
                "Seventy plants are spread over the flat, and I water them on Sundays while the radio plays old songs."
            ),
            paragraph(
                "The cabinet from the fifties is the best thing in the living room, and it was a gift from my aunt."
            ),
        );
        assert_eq!(openings(&html), ["Two years ", "Seventy pl", "The cabine"]);
    }

    #[test]
    fn a_gallery_with_one_caption_under_each_picture_does_not_cut_the_article() {
        let figure = "<figure><img src=a.jpg><figcaption>The new deck</figcaption></figure>";
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/shop>Shop</a></nav><article><h1>Harbour bridge reopens</h1><p>The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.</p>{}<p>The mayor thanked the crews who had worked through the winter to finish the repairs on time and under budget.</p></article>",
            figure.repeat(10)
        );
        assert_eq!(openings(&html), ["The bridge", "The mayor "]);
    }

    #[test]
    fn a_table_of_contents_between_the_lead_and_the_body_does_not_cut_the_story() {
        let sections = [
            "Repairs",
            "Ceremony",
            "Traffic",
            "Ferries",
            "Costs",
            "Tolls",
            "Cyclists",
            "Lights",
            "Engineers",
            "Council",
            "Pier",
            "Next steps",
        ];
        let contents: String = sections
            .iter()
            .map(|s| format!("<li><a href=\"#{s}\">What the {s} were and what they bring</a></li>"))
            .collect();
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/shop>Shop</a></nav><article><h1>Harbour bridge reopens</h1><p>The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it a few minutes after the ceremony.</p><nav><h2>Contents</h2><ul>{contents}</ul></nav><p>The mayor thanked the crews who had worked through the winter to finish the repairs on time and under budget.</p><p>Work on the ferry pier is to start in the autumn, once the council has chosen a builder for it.</p></article>"
        );
        assert_eq!(openings(&html), ["The bridge", "The mayor ", "Work on th"]);
    }

    #[test]
    fn the_articles_own_copy_of_a_lead_the_page_also_teases_is_content() {
        let lead = "Frankfurt (dpa) - For a novel about the old republic the writer won the book prize on Monday, the jury said, after a long evening of readings.";
        let html = format!(
            "<div class=teaser><p>{lead}</p></div>\
             <article><h1>Writer wins book prize</h1><p>{lead}</p></article>"
        );
        let kinds = kinds_of_html(&html);
        assert_eq!(
            kinds,
            [Kind::Teaser, Kind::Content, Kind::Content],
            "{kinds:?}"
        );
        // Shown three times, or twice in the article's markup: no copy is the article's own.
        let kinds = kinds_of_html(&format!("{html}<p>{lead}</p>"));
        assert_ne!(kinds[2], Kind::Content, "{kinds:?}");
    }

    #[test]
    fn the_lead_above_a_share_bar_belongs_to_the_story() {
        let paragraph = |what: &str| {
            format!(
                "<p>The council said on Tuesday that the {what} had been planned for a long time and that residents would be told more before the work began in the spring.</p>"
            )
        };
        let body = ["repairs", "new deck", "cycle path"]
            .map(paragraph)
            .concat();
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a></nav><h1>Harbour bridge reopens</h1>\
             <p>The bridge over the harbour was open to traffic on Friday after eight months of repairs, and the buses crossed it first.</p>\
             <ul><li><a href=/s>Share</a></li><li><a href=/t>Tweet</a></li><li><a href=/m>E-Mail</a></li></ul>\
             {body}<footer><a href=/i>Imprint</a></footer>"
        );
        let kinds = kinds_of_html(&html);
        assert_eq!(kinds[2], Kind::Content, "{kinds:?}");
        assert_eq!(kinds[3..6], [Kind::Chrome; 3], "{kinds:?}");
        assert_eq!(kinds[6..9], [Kind::Content; 3], "{kinds:?}");
    }

    #[test]
    fn a_class_name_that_wraps_most_of_the_prose_does_not_make_its_headings_teasers() {
        let section = |who: &str| {
            format!(
                "<h2>{who} on the new deck</h2><p>{who} said on Tuesday that the repairs had been planned for a long time and that residents would be told more before the work began in the spring.</p>"
            )
        };
        let body = ["Ann Lee", "Tom Ray", "Eva Kim"].map(section).concat();
        let html = format!("<div class=teaser><h1>Three voices on the bridge</h1>{body}</div>");
        let kinds = kinds_of_html(&html);
        assert_eq!(kinds, [Kind::Content; 7], "{kinds:?}");
    }

    #[test]
    fn a_list_of_records_after_the_story_is_not_the_story() {
        let mut page = String::from("Harbour bridge reopens\n");
        for day in ["Friday", "Saturday", "Sunday"] {
            page.push_str(&format!("The bridge over the harbour was open to traffic on {day} after eight months of repairs, and the buses crossed it a few minutes after the ceremony.\n"));
        }
        page.push_str("More from the Harbour Gazette\n");
        for (title, author, what) in [
            ("Ferry fares rise again in spring", "Ann Lee", "fares"),
            ("New school opens on the north shore", "Tom Ray", "school"),
            ("Market hall to close for a month", "Eva Kim", "market"),
        ] {
            page.push_str(&format!("{title}\n{author}\n12 March 2024\nThe council said on Tuesday that the change to the {what} had been planned for a long time and that residents would be told more.\n"));
        }
        let cleaned = crate::clean_text(&page);
        let kinds: Vec<Kind> = cleaned.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[1..4], [Kind::Content; 3]);
        assert!(kinds[4..].iter().all(|&k| k != Kind::Content), "{kinds:?}");
        assert_eq!(cleaned.stories.len(), 1);
    }

    #[test]
    fn the_article_the_title_names_wins_over_a_longer_one_appended_below() {
        let paragraph = |what: &str| {
            format!(
                "<p>The council said on Tuesday that the {what} had been planned for a long time and that residents would be told more before the work began.</p>"
            )
        };
        let mut html = String::from(
            "<html><head><title>Bridge reopens over the harbour | Gazette</title></head><body><main>",
        );
        html.push_str("<h1>Bridge reopens over the harbour</h1>");
        html.push_str(&paragraph("bridge"));
        html.push_str(&paragraph("toll"));
        html.push_str("<p>Tags:</p><p><a href=/t/b>bridges</a> <a href=/t/h>harbour</a></p><p>Read also</p><ul><li><a href=/f>Ferry fares rise again</a></li><li><a href=/s>New school opens</a></li><li><a href=/p>Port doubles its cranes</a></li></ul>");
        html.push_str("<h1>Market hall to close</h1>");
        for what in [
            "market",
            "stalls",
            "car park",
            "new roof",
            "fish hall",
            "night market",
            "lifts",
            "cafes",
        ] {
            html.push_str(&paragraph(what));
        }
        html.push_str("</main></body></html>");
        let page = crate::clean_html(html.as_bytes()).expect("valid page");
        assert_eq!(
            page.title.as_deref(),
            Some("Bridge reopens over the harbour")
        );
        assert!(
            page.text().contains("the bridge had been planned"),
            "{}",
            page.text()
        );
        assert!(!page.text().contains("market"), "{}", page.text());
    }

    /// A list's items, given as one string with `|` between them.
    fn list_items(items: &str) -> String {
        items
            .split('|')
            .map(|item| format!("<li>{item}</li>"))
            .collect()
    }

    #[test]
    fn a_list_without_links_in_the_article_belongs_to_it() {
        let items = list_items(
            "no deposit|no advance fees|no direct debit|no cancellation fees|payment within ten days|no fixed daily rates|no minimum term|no paid workshops|no call centre|no agents",
        );
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav><article class=entry-content>\
             <p>We run your sales for you, and this is what sets our service apart from the others.</p>\
             <ul>{items}</ul>\
             <p>Contracts can be ended at any time, because a good partner keeps you by its work.</p>\
             </article></body></html>"
        );
        let page = crate::clean_html(html.as_bytes()).expect("valid page");
        let text = page.text();
        assert!(
            text.starts_with("We run your sales") && text.contains("\nno agents\n"),
            "{text}"
        );
        let staff = list_items(
            "Anna Berg|Carl Dahl|Eva Fors|Gustav Holm|Ida Jonsson|Karl Lund|Maja Nord|Olle Palm|Rut Sand|Tor Ulf|Vera Wall|Axel Ek",
        );
        let html = format!(
            "<html><body><article class=entry-content>\
             <p>The bridge over the harbour reopened on Friday after eight months of repairs and a long wait.</p>\
             <p>Buses crossed it a few minutes after the ceremony, and the mayor walked across with the engineers.</p>\
             <h3>Our team</h3><ul>{staff}</ul>\
             <p>We do this work every day at no cost to you, but it is far from free to produce, and we cannot afford to slow down, so please support us.</p>\
             </article></body></html>"
        );
        let text = crate::clean_html(html.as_bytes())
            .expect("valid page")
            .text();
        assert!(
            text.contains("the engineers") && !text.contains("Anna Berg"),
            "{text}"
        );
    }
}
