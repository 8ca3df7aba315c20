//! Signals: what each block shows about itself and about its place on the page.
//!
//! Everything here is measured, not decided: the labels stage weighs these signals.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::BuildHasherDefault;

use crate::blocks::{Hint, RawBlock};
use crate::dates::{self, Date};
use crate::lexicon::{self, Cue};
use crate::page::Format;

/// A block needs this many words to read as prose on length alone.
const PROSE_WORDS: usize = 12;
/// ...and this share of stopwords: lists of names and menus have few.
const PROSE_STOPWORDS: f32 = 0.12;
/// A block this long reads as prose even without a closing full stop.
const UNCLOSED_PROSE_WORDS: usize = 30;
/// Below this median stopword density of a page's long blocks, its language has no stopword list.
const UNLISTED_LANGUAGE_DENSITY: f32 = 0.04;
/// A copyright sign in a block this short, with no year, credits a picture; so do sources
/// joined by a slash.
const CREDIT_WORDS: usize = 4;
/// A title has at least this many words and at most [`TITLE_MAX_WORDS`].
const TITLE_MIN_WORDS: usize = 3;
const TITLE_MAX_WORDS: usize = 30;

/// The signals of one block.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Signals {
    /// The block's [folded](lexicon::fold) text, padded for cue phrases.
    pub padded: lexicon::Padded,
    /// Words (UAX #29 word boundaries).
    pub words: usize,
    /// Share of the words that are stopwords in a supported language.
    pub stopword_density: f32,
    /// Share of the characters inside links.
    pub link_density: f32,
    /// Ends as a sentence does (. ! ? … or a closing quote after one).
    pub ends_sentence: bool,
    /// Ends with an ellipsis: a cut snippet.
    pub truncated: bool,
    /// A cue phrase the block carries; a copyright sign counts as a chrome cue in any language,
    /// or as an inline one in a picture credit line.
    pub cue: Option<Cue>,
    /// Several short links in one block: a menu.
    pub menu_like: bool,
    /// How many blocks of the page have the same folded text (1 when unique).
    pub repeats: usize,
    /// Shown twice, once in a plain paragraph where the markup puts the article and once
    /// elsewhere: the article's own copy of what a teaser box quotes.
    pub own_copy: bool,
    /// The first date written in the block.
    pub date: Option<Date>,
    /// The block is a dateline: a date and little else.
    pub date_like: bool,
    /// The block is a bare number (a counter).
    pub counter_like: bool,
    /// The block is a byline ("Par X", "By X").
    pub byline_like: bool,
    /// The block is a short run of capitalised words, as a name is.
    pub name_like: bool,
    /// The block reads as a title: a few words, no closing full stop.
    pub title_like: bool,
    /// The block reads as running prose.
    pub prose: bool,
    /// The block ends with a picture credit: a caption.
    pub credited: bool,
    /// The block opens with a date ("19.6.2007 9:40 Uhr Jane Doe 71 Kommentare"): a dateline
    /// running on into a byline or counters, never a subtitle.
    pub opens_with_date: bool,
    /// A headline run into a sentence with no space between ("... Strong WR OptionsThe 49ers
    /// and Giants rookies have seen ..."), within two blocks of another such block: teasers'
    /// titles and snippets flattened into lines, as scraped text shows cards. Alone, such a
    /// join is more likely a name written with inner capitals ("Music Man StingRay").
    pub headline_with_snippet: bool,
}

impl Signals {
    /// The block's [folded](lexicon::fold) text: how blocks are compared.
    pub(crate) fn folded(&self) -> &str {
        self.padded.folded()
    }

    /// Whether no character of the block sits in a link.
    pub(crate) fn links_free(&self) -> bool {
        self.link_density == 0.0
    }
}

/// Measures every block of a page read from `format`; `repeats` counts equal blocks over the
/// whole page.
pub(crate) fn signals(blocks: &[RawBlock], format: Format) -> Vec<Signals> {
    let mut all = measure_each(blocks, format);
    // For each text: how many blocks show it, and how many of them where the markup puts
    // the article. Each text is hashed once: blocks keep the number of their text.
    let mut numbers: HashMap<&str, usize, BuildHasherDefault<lexicon::KeyIsHash>> =
        HashMap::with_capacity_and_hasher(all.len(), BuildHasherDefault::default());
    let mut counts: Vec<[usize; 2]> = Vec::with_capacity(all.len());
    let text_numbers: Vec<usize> = all
        .iter()
        .zip(blocks)
        .map(|(s, b)| {
            let number = *numbers.entry(s.folded()).or_insert(counts.len());
            if number == counts.len() {
                counts.push([0, 0]);
            }
            counts[number][0] += 1;
            counts[number][1] += usize::from(b.hint == Hint::Content);
            number
        })
        .collect();
    let repeats = text_numbers.into_iter().map(|number| counts[number]);
    for ((s, [shown, in_article]), b) in all.iter_mut().zip(repeats).zip(blocks) {
        s.repeats = shown;
        s.own_copy =
            shown == 2 && in_article == 1 && b.hint == Hint::Content && b.links == 0 && !b.bullet;
    }
    // A headline run into its snippet counts only in a list of them, and is then no prose of
    // the story; alone, it is a paragraph that holds a name written with inner capitals.
    let joined: Vec<bool> = all.iter().map(|s| s.headline_with_snippet).collect();
    for (i, s) in all.iter_mut().enumerate() {
        let in_list = (i.saturating_sub(2)..=i + 2).any(|j| j != i && joined.get(j) == Some(&true));
        s.headline_with_snippet &= in_list;
        s.prose &= !s.headline_with_snippet;
    }
    // A page in a language without a stopword list (Korean, Chinese, Japanese...) shows no
    // stopwords even in its paragraphs: there prose is told by length and sentence endings.
    let mut densities: Vec<f32> = all
        .iter()
        .filter(|s| s.words >= PROSE_WORDS && s.link_density < 0.5)
        .map(|s| s.stopword_density)
        .collect();
    densities.sort_by(f32::total_cmp);
    let unlisted_language = densities
        .get(densities.len() / 2)
        .is_some_and(|&median| median < UNLISTED_LANGUAGE_DENSITY);
    if unlisted_language {
        for s in all
            .iter_mut()
            .filter(|s| s.link_density < 0.5 && s.cue.is_none())
        {
            s.prose |=
                s.words >= UNCLOSED_PROSE_WORDS || (s.words >= PROSE_WORDS && s.ends_sentence);
        }
    }
    all
}

/// Measures every block; a block shown again with the same text and links (a menu atop the
/// page and at its foot, "Share" under each picture: a fifth of the blocks of scraped pages)
/// is measured once. The map of texts seen is freed on return, before `signals` builds its own.
fn measure_each(blocks: &[RawBlock], format: Format) -> Vec<Signals> {
    let mut first_shown: HashMap<_, usize, BuildHasherDefault<lexicon::KeyIsHash>> =
        HashMap::with_capacity_and_hasher(blocks.len(), BuildHasherDefault::default());
    let mut all: Vec<Signals> = Vec::with_capacity(blocks.len());
    for block in blocks {
        let measured_from = (
            block.text.as_str(),
            block.link_chars,
            block.links,
            block.heading,
        );
        let measured = match first_shown.entry(measured_from) {
            Entry::Occupied(first) => all.get(*first.get()).cloned(),
            Entry::Vacant(first) => {
                first.insert(all.len());
                None
            }
        };
        all.push(measured.unwrap_or_else(|| measure(block, format)));
    }
    all
}

/// Whether a line names sources joined by a slash, as agencies and photographers sign a story
/// or a picture ("aja/PAP", "Bundesregierung/Steffen Kugler", "PAP/ Rafał Guz"): words of
/// letters (no digits, no command line), no comma or colon, a letter on each side of a slash.
fn is_signed_with_slash(text: &str) -> bool {
    let wordlike = |w: &str| {
        w.trim_start_matches('(')
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
    };
    // Most short blocks hold no slash: one byte search turns them away.
    memchr::memchr(b'/', text.as_bytes()).is_some()
        && !text.contains([',', ':'])
        && !text.contains(|c: char| c.is_ascii_digit())
        && text.split_whitespace().all(wordlike)
        && text.match_indices('/').any(|(at, _)| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                && text[at + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
        })
}

/// A headline has at least this many words, most of them capitalised...
const HEADLINE_MIN_WORDS: usize = 4;
/// ...and at most this many bytes (thirty words: a title's most, [`TITLE_MAX_WORDS`])...
const HEADLINE_MAX_BYTES: usize = 240;
/// ...and the sentence run into it at least this many, two in five of them in lower case
/// among its first [`SNIPPET_READ_WORDS`].
const SNIPPET_MIN_WORDS: usize = 5;
const SNIPPET_READ_WORDS: usize = 12;
/// Title case leaves only words this short in lower case ("of", "at", "for", "with").
const TITLE_LOWER_CASE_CHARS: usize = 4;

/// Whether a text is a headline in title case run into a sentence with no space between: a
/// lower-case letter or a digit (or a closing mark after a letter) directly followed by a
/// capital that opens a word ("OptionsThe 49ers", "Rise?Violence", "SteakhouseA party"). The
/// word before the join has four letters or more, so that names written with inner capitals
/// (McKinley, MacBook, WeWork, iPhone) are not taken for joins. Title case is an English
/// habit: headlines written in sentence case are not recognised, and are not mistaken either.
fn runs_headline_into_snippet(text: &str) -> bool {
    // Most prose opens with a long word in lower case among its first words, which a title
    // has not: such blocks are turned away before anything else is read.
    if !opens_in_title_case(text) {
        return false;
    }
    // Capitals are looked for a byte at a time (title case is an English habit, and English
    // capitals are ASCII), within a headline's length of the start; only those right after a
    // character other than a space are read on.
    let bytes = text.as_bytes();
    let searched = &bytes[..bytes.len().min(HEADLINE_MAX_BYTES)];
    searched.windows(2).enumerate().any(|(before, pair)| {
        let (prev_byte, c) = (pair[0], pair[1]);
        if !c.is_ascii_uppercase()
            || prev_byte.is_ascii_whitespace()
            || prev_byte.is_ascii_uppercase()
        {
            return false;
        }
        let (head, rest) = text.split_at(before + 1);
        let mut back = head.chars().rev();
        let (prev, earlier) = (back.next().unwrap_or(' '), back.next().unwrap_or(' '));
        // A capital that opens a word: followed by a lower-case letter, or the word "A" or "I".
        let opens_word = rest[1..]
            .chars()
            .next()
            .is_some_and(|n| n.is_lowercase() || (matches!(c, b'A' | b'I') && n == ' '));
        let joined = opens_word
            && (prev.is_lowercase()
                || prev.is_ascii_digit()
                || (matches!(prev, '?' | '!' | '.' | '’' | '”' | '"' | ')')
                    && earlier.is_lowercase()));
        let last_word = head.rsplit(char::is_whitespace).next().unwrap_or(head);
        joined && is_headline_before_join(last_word, head, prev) && reads_as_sentence(rest)
    })
}

/// Whether none of a text's first [`HEADLINE_MIN_WORDS`] words is a long one that starts with
/// an ASCII lower-case letter: read a byte at a time, as most prose fails by its second word.
fn opens_in_title_case(text: &str) -> bool {
    let (mut words, mut chars, mut lower) = (0, 0, false);
    let long_lower_case = |chars: usize, lower: bool| lower && chars > TITLE_LOWER_CASE_CHARS;
    for &byte in text.as_bytes() {
        if byte.is_ascii_whitespace() {
            if chars > 0 {
                if long_lower_case(chars, lower) {
                    return false;
                }
                words += 1;
                if words == HEADLINE_MIN_WORDS {
                    return true;
                }
            }
            chars = 0;
        } else {
            if chars == 0 {
                lower = byte.is_ascii_lowercase();
            }
            // Continuation bytes of UTF-8 do not start a character.
            chars += usize::from(byte & 0xC0 != 0x80);
        }
    }
    !long_lower_case(chars, lower)
}

/// Whether `head`, ending in the word `last_word` and the character `prev`, reads as a
/// headline before a join: its last word a plain word of four letters or more (unless it ends
/// on a mark), and most of its words capitalised.
fn is_headline_before_join(last_word: &str, head: &str, prev: char) -> bool {
    let plain_word = {
        let mut letters = last_word.chars();
        letters.next().is_some_and(char::is_alphabetic)
            && letters.clone().all(char::is_lowercase)
            && letters.count() >= 3
    };
    if prev.is_alphabetic() && !plain_word {
        return false;
    }
    // Title case leaves only short words in lower case ("of", "at", "for", "with"); German,
    // which capitalises every noun, writes its verbs and adjectives in lower case.
    let (mut words, mut capitalised) = (0usize, 0usize);
    for word in head.split_whitespace() {
        words += 1;
        if starts_lowercase(word) {
            if word.chars().count() > TITLE_LOWER_CASE_CHARS {
                return false;
            }
        } else {
            capitalised += 1;
        }
    }
    words >= HEADLINE_MIN_WORDS && capitalised * 5 >= words * 4
}

/// Whether a word starts with a lower-case letter.
fn starts_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a text opens as a sentence does: enough words, a good share of them in lower case
/// ("The 49ers and Giants rookies have seen ..."), unlike the rest of a title in title case
/// ("DualShock Controller, Apple AirPods and More").
fn reads_as_sentence(text: &str) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for word in text.split_whitespace().take(SNIPPET_READ_WORDS) {
        words += 1;
        lower += usize::from(starts_lowercase(word));
    }
    words >= SNIPPET_MIN_WORDS && lower * 5 >= words * 2
}

/// Whether a folded text that holds a date opens with one: a date among its first three
/// words, read from the text itself (folded text is words and single spaces).
fn starts_with_date(folded: &str) -> bool {
    let head_end = folded
        .match_indices(' ')
        .nth(2)
        .map_or(folded.len(), |(at, _)| at);
    !dates::first(&folded[..head_end]).dates.is_empty()
}

/// The signals of one block, read from its text, link counts and heading level alone (a block
/// shown again with all four the same is measured once).
fn measure(block: &RawBlock, format: Format) -> Signals {
    let text = block.text.as_str();
    let (padded, read) = lexicon::Padded::read(text);
    let folded = padded.folded();
    let words = read.count;
    let stopword_density = if words == 0 {
        0.0
    } else {
        read.stopwords as f32 / words as f32
    };
    // Visible characters, counted only where a measure needs them (a pass over the block).
    let chars = || text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let link_density = if block.link_chars == 0 {
        0.0
    } else {
        (block.link_chars as f32 / chars() as f32).min(1.0)
    };
    let last = text
        .trim_end_matches(['"', '\'', '»', '”', '’', ')', ' '])
        .chars()
        .last();
    let truncated = text.ends_with("..") || text.ends_with('…') || text.ends_with("[...]");
    let ends_sentence =
        matches!(last, Some('.' | '!' | '?' | '…' | '。' | '！' | '？')) || text.ends_with(':');
    // memmem: a char search for '©' stops at every byte 0xA9, which ends 'é' too.
    let cue = if memchr::memmem::find(text.as_bytes(), "©".as_bytes()).is_some() {
        // A picture's credit ("Fotos © Jane Doe", "© Getty Images") is set inside the story;
        // a notice ("© 2024 The Gazette. All rights reserved.") ends a page.
        let credit = lexicon::is_credit_line(folded)
            || (words <= CREDIT_WORDS && !folded.split(' ').any(|w| dates::year(w).is_some()));
        Some(if credit { Cue::Inline } else { Cue::Chrome })
    } else {
        lexicon::cue(&padded, read.within)
    };
    let menu_like = block.links >= 3 && words <= block.links * 3 && link_density > 0.5;
    let found = dates::first(folded);
    let date = found.dates.first().copied();
    // A dateline holds dates and the words beside them ("published", "updated") and at most one
    // other word; of dates alone, it may be long ("published ..., updated ...").
    let date_like =
        date.is_some() && (found.other_words == 0 || (found.other_words <= 1 && words <= 12));
    let counter_like = !folded.is_empty()
        && words <= 2
        && folded
            .split(' ')
            .all(|t| t.bytes().all(|b| b.is_ascii_digit()) || matches!(t, "k" | "m"));
    // A byline is a few words ("By Jane Doe"), more when it carries its date ("By Jane Doe -
    // November 18, 2019 11:04 PM EST").
    let byline_words = if date.is_some() { 16 } else { 8 };
    // A byline word among the first three, and a word after it.
    let byline_like = words <= byline_words && !ends_sentence && {
        let mut tokens = folded.split(' ');
        tokens.by_ref().take(3).any(lexicon::is_byline_word) && tokens.next().is_some()
    };
    let name_like = (2..=4).contains(&words)
        && !ends_sentence
        && text
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !text.chars().any(|c| c.is_ascii_digit());
    let opens_like_title = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase());
    let title_like = (TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&words)
        && !matches!(last, Some('.' | ',' | ';' | ':'))
        && opens_like_title
        && cue.is_none()
        && !menu_like
        && !date_like
        && !byline_like
        && !counter_like;
    let cjk_sentence = matches!(last, Some('。' | '！' | '？')) && chars() >= 40;
    // In plain text, where links are invisible, a paragraph ends as a sentence does and a
    // headline of fifteen words does not. HTML shows headlines as links.
    let closed = format == Format::Html || ends_sentence || words >= UNCLOSED_PROSE_WORDS;
    let prose = link_density < 0.5
        && (cjk_sentence
            || (words >= PROSE_WORDS && stopword_density >= PROSE_STOPWORDS && closed)
            || (words >= 8 && ends_sentence && stopword_density >= 0.2));
    let opens_with_date = date.is_some() && starts_with_date(folded);
    // Only what would read as prose is looked at: the question is whether it is the story's.
    let headline_with_snippet = prose && runs_headline_into_snippet(text);
    Signals {
        padded,
        words,
        stopword_density,
        link_density,
        ends_sentence,
        truncated,
        cue,
        menu_like,
        repeats: 1,
        own_copy: false,
        date,
        date_like,
        counter_like,
        byline_like,
        name_like,
        title_like,
        prose,
        headline_with_snippet,
        credited: lexicon::ends_with_credit(text)
            || (words <= CREDIT_WORDS
                && block.heading == 0
                && !ends_sentence
                && is_signed_with_slash(text)),
        opens_with_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Signals {
        let block = RawBlock {
            text: text.to_string(),
            ..RawBlock::default()
        };
        measure(&block, Format::Text)
    }

    #[test]
    fn datelines_open_with_their_date() {
        for dateline in [
            "19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare",
            "September 15, 2020 by Jane Doe Post a Comment",
            "Paddy · April 19, 2019 · Mac · 7 comments",
        ] {
            let s = of(dateline);
            assert!(s.opens_with_date && !s.date_like, "{dateline}");
        }
        for line in [
            "Harbour bridge reopens on 12 May 2024 after repairs",
            "The council met on Nov 19, 2019 and again on Dec 3, 2019 to vote on it",
            "Harbour bridge reopens",
        ] {
            assert!(!of(line).opens_with_date, "{line}");
        }
    }

    #[test]
    fn a_headline_run_into_its_snippet_is_told_from_names_with_inner_capitals() {
        for teaser in [
            "Harbour Bridge Reopens After Eight Months Of RepairsThe buses crossed it a few minutes after the ceremony on Friday.",
            "Is The Old Ferry Back For Good?Commuters were asked what they would pay for a seat on it.",
            "Council Votes To Rebuild The Harbour WallA majority of the members backed the plan on Monday.",
        ] {
            assert!(runs_headline_into_snippet(teaser), "{teaser}");
        }
        for line in [
            // Inner capitals in names and brands, an abbreviation, a title run on in title case.
            "Following the new MacBook Pro, the company plans to release a cheaper model in the spring.",
            "In October, Rep. Jane McKinley, R-W.Va., visited the border and argued for new funding.",
            "Daily Deals: More Winter Deals Are Live, Including The DualShock Controller, Apple AirPods and More",
            "The Harbour Bridge Reopens after eight months of repairs, the buses crossing it on Friday.",
        ] {
            assert!(!runs_headline_into_snippet(line), "{line}");
        }
    }

    #[test]
    fn a_headline_run_into_its_snippet_counts_only_in_a_list() {
        let blocks: Vec<RawBlock> = [
            "Harbour Bridge Reopens After Eight Months Of RepairsThe buses crossed it a few minutes after the ceremony on Friday.",
            "Council Votes To Rebuild The Harbour WallA majority of the members backed the plan on Monday evening.",
            "The mayor thanked the crews who had worked through the winter to finish the repairs on time.",
            "The ferry will run every hour from March, and the first boat leaves the harbour at six.",
            // German capitalises its nouns: alone, a name with inner capitals reads as a join.
            "Der Music Man StingRay gehört ins Pantheon der klassischen Bässe und steht auf vielen Wunschzetteln.",
        ]
        .iter()
        .map(|text| RawBlock {
            text: text.to_string(),
            ..RawBlock::default()
        })
        .collect();
        let teasers: Vec<(bool, bool)> = signals(&blocks, Format::Text)
            .iter()
            .map(|s| (s.headline_with_snippet, s.prose))
            .collect();
        assert_eq!(
            teasers,
            [
                (true, false),
                (true, false),
                (false, true),
                (false, true),
                (false, true)
            ]
        );
    }

    #[test]
    fn sources_joined_by_a_slash_are_a_credit() {
        for credit in [
            "aja/PAP",
            "Bundesregierung/Steffen Kugler",
            "PAP/ Rafał Guz",
            "(dr/spot)",
        ] {
            assert!(of(credit).credited, "{credit}");
        }
        for line in [
            "$ cd /usr/src",
            "make -f LINUX/Makefile",
            "Ulm/Neu-Ulm: Großbrand gelöscht",
            "Bus 12/14 fährt wieder",
            "He chose the red and/or the blue one.",
            "Politik, Wirtschaft/Finanzen",
            "Home / News",
        ] {
            assert!(!of(line).credited, "{line}");
        }
    }

    #[test]
    fn a_dateline_of_dates_alone_is_one_however_long() {
        assert!(
            of("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019").date_like
        );
        assert!(
            !of("The council met on Nov 19, 2019 and again on Dec 3, 2019 to vote on it").date_like
        );
    }

    #[test]
    fn a_byline_may_carry_its_date() {
        assert!(of("By Justine Coleman").byline_like);
        assert!(of("By Justine Coleman - November 18, 2019 11:04 PM EST").byline_like);
        assert!(
            !of("By the end of the week the council had agreed to rebuild the wall").byline_like
        );
    }

    #[test]
    fn a_picture_credit_is_set_inside_the_story_and_a_copyright_notice_ends_the_page() {
        assert_eq!(of("Fotos: © Burkard Meyer").cue, Some(Cue::Inline));
        assert_eq!(of("Photo © AFP").cue, Some(Cue::Inline));
        assert_eq!(of("© Getty Images").cue, Some(Cue::Inline));
        assert_eq!(of("© 2024 Harbour Gazette").cue, Some(Cue::Chrome));
        assert_eq!(
            of("© 2024 Harbour Gazette. All rights reserved.").cue,
            Some(Cue::Chrome)
        );
    }

    #[test]
    fn prose_titles_and_short_lines() {
        let prose = of(
            "Les deux ministres ont exprimé leur intention d’approfondir les relations bilatérales au bénéfice des deux peuples.",
        );
        assert!(prose.prose && !prose.title_like && prose.ends_sentence);
        let title =
            of("Mali-Russie : un partenariat stratégique renforcé autour des enjeux sécuritaires");
        assert!(title.title_like && !title.prose);
        let headline = of(
            "Major cities face a plague of vicious bloodthirsty super rats as the winter comes and the bins overflow",
        );
        assert!(headline.title_like && !headline.prose);
        let menu = of("Faits Divers");
        assert!(!menu.title_like && !menu.prose && menu.name_like);
    }

    #[test]
    fn datelines_bylines_and_counters() {
        assert!(of("Publié jeudi 29 février 2024 à 12:56").date_like);
        assert!(of("24 juin 2025").date_like);
        let title_with_date = of("Programme Officiel PMU Mali – Mardi 3 Juin 2025");
        assert!(!title_with_date.date_like && title_with_date.title_like);
        assert!(of("Par Aboubacar TRAORE").byline_like);
        assert!(of("By Jane Doe and John Roe").byline_like);
        assert!(!of("Par ailleurs, la réunion a porté sur la sécurité régionale.").byline_like);
        assert!(of("0").counter_like && of("1 234").counter_like && !of("VUES").counter_like);
    }

    #[test]
    fn prose_without_stopwords_is_found_on_pages_in_unlisted_languages() {
        let korean = "그래서 처음 이러한 사진 공개에 대한 대중들의 반응은 엘제이의 행동에 대한 비난으로 이어졌다. 하지만 엘제이는 자신의 부적절한 행동들에 대해 무감한 태도를 보였다.";
        let blocks: Vec<RawBlock> = [korean, "메뉴", korean]
            .iter()
            .map(|t| RawBlock {
                text: t.to_string(),
                ..RawBlock::default()
            })
            .collect();
        let prose: Vec<bool> = signals(&blocks, Format::Text)
            .iter()
            .map(|s| s.prose)
            .collect();
        assert_eq!(prose, [true, false, true]);
    }

    #[test]
    fn a_text_shown_again_in_a_link_is_measured_again() {
        let plain = RawBlock {
            text: "Accueil".to_string(),
            ..RawBlock::default()
        };
        let linked = RawBlock {
            link_chars: 7,
            links: 1,
            ..plain.clone()
        };
        let blocks = [linked.clone(), plain, linked];
        let densities: Vec<(f32, usize)> = signals(&blocks, Format::Html)
            .iter()
            .map(|s| (s.link_density, s.repeats))
            .collect();
        assert_eq!(densities, [(1.0, 3), (0.0, 3), (1.0, 3)]);
    }

    #[test]
    fn repeats_are_counted_over_the_page() {
        let blocks: Vec<RawBlock> = ["Accueil", "Body", "ACCUEIL"]
            .iter()
            .map(|t| RawBlock {
                text: t.to_string(),
                ..RawBlock::default()
            })
            .collect();
        let repeats: Vec<usize> = signals(&blocks, Format::Text)
            .iter()
            .map(|s| s.repeats)
            .collect();
        assert_eq!(repeats, [2, 1, 2]);
    }
}
