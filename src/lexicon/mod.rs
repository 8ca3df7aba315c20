//! The language data chaff reads: cue phrases, stopwords, month names, byline words and titles.
//!
//! Everything language-specific lives here, as data: [`cues.tsv`](self) for teaser and chrome
//! phrases, `dates.tsv` for dates, `bylines.tsv` for bylines, `credits.tsv` for picture credits,
//! `titles.tsv` for the titles people hold ("President", "Frau"), `common_words.tsv` for how
//! common long words are in eight languages (from wordfreq), and the NLTK stopword lists of the
//! `stop-words` crate. Matching is done on [`fold`]ed text, so lists are written in plain lower case
//! without accents.

use std::collections::{HashMap, HashSet};

use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Maps and sets of words keyed by the words' xxh3 hashes: one hash per word, computed once
/// (the fingerprint stage has it already), and the lists are fixed, so keys are never hostile.
pub(crate) type Map<V> = HashMap<u64, V, BuildHasherDefault<KeyIsHash>>;
type Set = HashSet<u64, BuildHasherDefault<KeyIsHash>>;

/// A hasher for keys that are hashes already; other keys (whole blocks) go through one-shot
/// xxh3, several times faster than SipHash on a paragraph.
#[derive(Default)]
pub(crate) struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
    // A string key ends with one marker byte: mixed in cheaply rather than hashed again.
    fn write_u8(&mut self, byte: u8) {
        self.0 ^= u64::from(byte);
    }
}

/// The key of a word in the lexicon's maps.
pub(crate) fn word_key(folded_word: &str) -> u64 {
    xxh3_64(folded_word.as_bytes())
}
use std::sync::OnceLock;

use std::sync::atomic::{AtomicU32, Ordering};

use unicode_segmentation::UnicodeSegmentation;

use crate::blocks::Hint;
use unicode_normalization::char::is_combining_mark;

const CUES: &str = include_str!("cues.tsv");
const DATES: &str = include_str!("dates.tsv");
const BYLINES: &str = include_str!("bylines.tsv");
const TITLES: &str = include_str!("titles.tsv");
const CREDITS: &str = include_str!("credits.tsv");
const MARKUP: &str = include_str!("markup.tsv");
const COMMON_WORDS: &str = include_str!("common_words.tsv");

/// Words that, followed by one of [`CONTENT_TAILS`], name the article's own container.
const CONTENT_HEADS: &[&str] = &["article", "post", "entry", "story", "news", "main"];
const CONTENT_TAILS: &[&str] = &["body", "content", "text"];

/// Words that, followed by one of [`AUTHOR_BOX_TAILS`], name a box about the author
/// ("author-bio", "about-author").
const AUTHOR_BOX_HEADS: &[&str] = &["author", "autor", "auteur", "autore", "about"];
const AUTHOR_BOX_TAILS: &[&str] = &["box", "bio", "biography", "description", "author"];

/// Stopword lists left out: a mix of others rather than a language of its own.
const STOPWORD_LISTS_LEFT_OUT: &[&str] = &["hinglish"];

/// The longest cue phrase, in words; prefix lookups never look further.
const MAX_CUE_WORDS: usize = 8;

/// What a cue phrase says about the block that carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// The block points at other articles.
    Teaser,
    /// The block is site furniture.
    Chrome,
    /// Furniture set inside an article without ending it: an advertisement label.
    Inline,
    /// Furniture that opens the readers' comments: chrome, and what follows it is theirs.
    Comments,
}

/// Lower-cases, strips accents and turns every run of non-alphanumeric characters into one space.
///
/// This is the form in which blocks are compared with each other and with the phrase lists.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`], into `out` (cleared first): lets hot loops reuse one buffer.
pub(crate) fn fold_into(out: &mut String, text: &str) {
    out.clear();
    fold_onto(out, text);
}

/// Folded text between two spaces, the form in which cue phrases (padded alike) are matched
/// as whole words: built once per block, so that no copy is padded for each search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Padded(String);

impl Padded {
    /// `text` [`fold`]ed, between two spaces, and what its words show, read as they are folded:
    /// a block's text is read once rather than folded and then cut into words.
    pub(crate) fn read(text: &str) -> (Padded, Words) {
        let lexicon = lexicon();
        let mut padded = String::with_capacity(text.len() + 2);
        padded.push(' ');
        let mut words = Words::default();
        // Phrases that mark a block wherever they stand are looked for only where a word that
        // opens one stands, not by an automaton over the block once more. Where such words
        // stand, and their keys: a phrase needs the words after its first, folded only later.
        let mut openers: Vec<(usize, u64)> = Vec::new();
        fold_tokens_onto(&mut padded, text, |token, at| {
            for_each_token_word(token, |word| {
                let key = word_key(word);
                words.count += 1;
                words.stopwords += usize::from(lexicon.stopwords.contains(&key));
                if lexicon.within_shapes.may_hold(word.as_bytes())
                    && lexicon.within.contains_key(&key)
                {
                    openers.push((at + (word.as_ptr() as usize - token.as_ptr() as usize), key));
                }
            });
        });
        padded.push(' ');
        words.within = openers.iter().find_map(|&(at, key)| {
            let rest = padded.get(at..).unwrap_or_default();
            lexicon.within.get(&key).and_then(|phrases| {
                phrases
                    .iter()
                    .find(|(phrase, _)| rest.starts_with(phrase.as_str()))
                    .map(|&(_, cue)| cue)
            })
        });
        (Padded(padded), words)
    }

    /// The [`fold`]ed text itself.
    pub(crate) fn folded(&self) -> &str {
        self.0
            .get(1..self.0.len().saturating_sub(1))
            .unwrap_or_default()
    }
}

/// [`fold`], appended to what `out` holds.
fn fold_onto(out: &mut String, text: &str) {
    fold_tokens_onto(out, text, |_, _| {});
}

/// [`fold_onto`], calling `on_token` with each token of the folded text (the words between its
/// spaces) and where it starts in `out`, as soon as the token ends.
fn fold_tokens_onto(out: &mut String, text: &str, on_token: impl FnMut(&str, usize)) {
    // Folded a byte at a time: words are too short for copying them whole to pay. Pushed as
    // characters, so that the output is never checked for UTF-8 again.
    out.reserve(text.len());
    let base = out.len();
    let mut folding = Folding {
        out,
        base,
        token_start: base,
        pending_space: false,
        on_token,
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        if first.is_ascii() {
            let folded_byte = ASCII_FOLD[usize::from(first)];
            folding.push((folded_byte != 0).then_some(char::from(folded_byte)));
            at += 1;
            continue;
        }
        let c = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        for_each_folded(c, |f| folding.push(f));
        at += c.len_utf8();
    }
    if folding.out.len() > folding.token_start {
        folding.end_token();
    }
}

/// The state of [`fold_tokens_onto`].
struct Folding<'a, F> {
    out: &'a mut String,
    /// Where the folded text starts in `out`.
    base: usize,
    /// Where the token being folded starts in `out`.
    token_start: usize,
    /// A boundary was met since the last character pushed.
    pending_space: bool,
    on_token: F,
}

impl<F: FnMut(&str, usize)> Folding<'_, F> {
    /// Pushes a folded character, or a boundary (`None`): runs of boundaries become one space
    /// between tokens. Inlined: it runs once a byte.
    #[inline(always)]
    fn push(&mut self, folded: Option<char>) {
        match folded {
            Some(folded) => {
                if self.pending_space && self.out.len() > self.base {
                    self.end_token();
                    self.out.push(' ');
                    self.token_start = self.out.len();
                }
                self.pending_space = false;
                self.out.push(folded);
            }
            None => self.pending_space = true,
        }
    }

    fn end_token(&mut self) {
        let token = self.out.get(self.token_start..).unwrap_or_default();
        (self.on_token)(token, self.token_start);
    }
}

/// ASCII letters lower-cased and digits, by byte; 0 for anything else (a word boundary).
static ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// What a character becomes in folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FoldedChar {
    /// Nothing: a combining mark.
    Nothing,
    /// A word boundary: punctuation, space, symbol.
    Space,
    /// One letter or digit.
    Alphanumeric(char),
    /// Several characters or boundaries ("½", "ﬁ", "İ"): decomposed on the spot.
    Several,
}

/// How a character folds: remembered, for the Basic Multilingual Plane, in a table filled as
/// characters are met (decomposing and classifying each character again is the bulk of
/// folding text in most scripts); characters beyond it are decomposed on the spot.
fn folded_char(c: char) -> FoldedChar {
    // 0: not met yet; 1, 2, 3: nothing, space, several; else the folded character + 4.
    static TABLE: OnceLock<Box<[AtomicU32]>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..=0xFFFF).map(|_| AtomicU32::new(0)).collect());
    let Some(entry) = table.get(c as usize) else {
        return fold_one(c);
    };
    // Threads that meet a character at once store the same value: relaxed order is enough.
    match entry.load(Ordering::Relaxed) {
        0 => {
            let folded = fold_one(c);
            let code = match folded {
                FoldedChar::Nothing => 1,
                FoldedChar::Space => 2,
                FoldedChar::Several => 3,
                FoldedChar::Alphanumeric(f) => u32::from(f) + 4,
            };
            entry.store(code, Ordering::Relaxed);
            folded
        }
        1 => FoldedChar::Nothing,
        2 => FoldedChar::Space,
        3 => FoldedChar::Several,
        code => char::from_u32(code - 4).map_or(FoldedChar::Several, FoldedChar::Alphanumeric),
    }
}

/// Calls `emit` with what a character folds to, in order: `Some` letter or digit, lower-cased,
/// or `None` for a word boundary; a combining mark gives nothing.
fn for_each_folded(c: char, mut emit: impl FnMut(Option<char>)) {
    match folded_char(c) {
        FoldedChar::Nothing => {}
        FoldedChar::Space => emit(None),
        FoldedChar::Alphanumeric(f) => emit(Some(f)),
        FoldedChar::Several => decompose(c, emit),
    }
}

/// [`for_each_folded`] the long way: compatibility decomposition, combining marks dropped,
/// letters and digits lower-cased, anything else a boundary.
fn decompose(c: char, mut emit: impl FnMut(Option<char>)) {
    unicode_normalization::char::decompose_compatible(c, |d| {
        // Hangul syllables, met again and again, decompose into jamo, every one a letter.
        if ('\u{1100}'..='\u{11FF}').contains(&d) {
            emit(Some(d));
        } else if is_combining_mark(d) {
        } else if d.is_alphanumeric() {
            d.to_lowercase().for_each(|l| emit(Some(l)));
        } else {
            emit(None);
        }
    });
}

/// [`folded_char`] the long way.
fn fold_one(c: char) -> FoldedChar {
    let mut folded = Vec::new();
    decompose(c, |f| folded.push(f));
    // A run of boundaries is one boundary ("…" is "...").
    folded.dedup_by(|a, b| a.is_none() && b.is_none());
    match folded[..] {
        [] => FoldedChar::Nothing,
        [None] => FoldedChar::Space,
        [Some(f)] => FoldedChar::Alphanumeric(f),
        _ => FoldedChar::Several,
    }
}

/// The words of a folded text: its space-separated tokens, with runs of scripts written without
/// spaces (Chinese, Japanese, Thai...) cut at UAX #29 word boundaries.
pub(crate) fn folded_words(folded: &str) -> impl Iterator<Item = &str> {
    FoldedWords {
        rest: folded,
        cut: None,
    }
}

/// The iterator of [`folded_words`]: a hand-written loop, since the adapters that would split
/// the text and chain a token or its cut words cost more than the words themselves.
struct FoldedWords<'a> {
    /// The text after the last token read.
    rest: &'a str,
    /// The words of an unspaced token being cut.
    cut: Option<unicode_segmentation::UnicodeWords<'a>>,
}

impl<'a> Iterator for FoldedWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some(word) = self.cut.as_mut().and_then(Iterator::next) {
            return Some(word);
        }
        loop {
            // Folded text holds no white space but single spaces. One byte loop finds a
            // token's end and whether it is ASCII: words are too short for a memchr call each.
            let bytes = self.rest.as_bytes();
            let mut end = 0;
            let mut high_bits = 0u8;
            while let Some(&b) = bytes.get(end).filter(|&&b| b != b' ') {
                high_bits |= b;
                end += 1;
            }
            let token = &self.rest[..end];
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if token.is_empty() {
                if self.rest.is_empty() {
                    return None;
                }
                continue;
            }
            if high_bits.is_ascii() || !is_written_without_spaces(token) {
                return Some(token);
            }
            let mut words = token.unicode_words();
            if let Some(word) = words.next() {
                self.cut = Some(words);
                return Some(word);
            }
        }
    }
}

/// Calls `on_word` with the bytes of each word of [`folded_words`]`(&`[`fold`]`(text))`, in
/// order, without building the folded text: the simhash's hot path. `token` is scratch space.
pub(crate) fn for_each_folded_word(text: &str, token: &mut String, mut on_word: impl FnMut(&[u8])) {
    token.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        if ASCII_CLASS[usize::from(first)] != AsciiClass::Other {
            // Most words are ASCII and shorter than eight bytes: read at once, lower-cased and
            // handed on without a branch per byte (whose misses, at each word's end, cost more
            // than the rest of the word).
            if let Some(word) = ShortAsciiWord::at(bytes, at).filter(|_| token.is_empty()) {
                on_word(word.bytes());
                at += word.length;
                continue;
            }
            // One pass finds the run's end and whether it needs lower-casing.
            let (mut end, mut upper) = (at, false);
            while let Some(&b) = bytes.get(end) {
                match ASCII_CLASS[usize::from(b)] {
                    AsciiClass::Lower => {}
                    AsciiClass::Upper => upper = true,
                    AsciiClass::Other => break,
                }
                end += 1;
            }
            let run = &text[at..end];
            if token.is_empty() && bytes.get(end).is_none_or(u8::is_ascii) {
                // A whole ASCII word: handed on as it is, or lower-cased in `token`.
                if upper {
                    token.push_str(run);
                    token.make_ascii_lowercase();
                    on_word(token.as_bytes());
                    token.clear();
                } else {
                    on_word(run.as_bytes());
                }
            } else {
                token.extend(run.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            }
            at = end;
        } else if first.is_ascii() {
            end_token(token, &mut on_word);
            at += 1;
        } else {
            let c = text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            for_each_folded(c, |folded| match folded {
                Some(f) => token.push(f),
                None => end_token(token, &mut on_word),
            });
            at += c.len_utf8();
        }
    }
    end_token(token, &mut on_word);
}

/// A word of ASCII letters and digits at the start of eight bytes, ended inside them by an
/// ASCII boundary, found and lower-cased a word at a time (SWAR).
struct ShortAsciiWord {
    lowered: [u8; 8],
    length: usize,
}

impl ShortAsciiWord {
    /// The word that starts at `bytes[at]`, if there is one and it ends on an ASCII byte
    /// before `at + 8`.
    fn at(bytes: &[u8], at: usize) -> Option<ShortAsciiWord> {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let chunk = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>)?;
        let splat = |byte: u8| u64::from(byte) * 0x0101_0101_0101_0101;
        // The high bit of each byte from `low` to `high`, for bytes below 0x80: no sum
        // carries into the next byte.
        let between = |x: u64, low: u8, high: u8| {
            x.wrapping_add(splat(0x80 - low)) & !x.wrapping_add(splat(0x7F - high)) & HIGH
        };
        let x = u64::from_le_bytes(*chunk);
        let ascii = !x & HIGH;
        let seven_bits = x & !HIGH;
        // Bit 0x20 set turns an upper-case letter into its lower case, and no other byte into
        // a letter.
        let letter = between(seven_bits | splat(0x20), b'a', b'z') & ascii;
        let digit = between(seven_bits, b'0', b'9') & ascii;
        let length = ((!(letter | digit) & HIGH).trailing_zeros() / 8) as usize;
        let ends_on_ascii = chunk.get(length).is_some_and(u8::is_ascii);
        if length == 0 || !ends_on_ascii {
            return None;
        }
        let word = (1u64 << (8 * length)) - 1;
        // Upper-case letters are letters without bit 0x20, which `<< 2` moves to the high bit.
        let upper = letter & !(x << 2) & word;
        Some(ShortAsciiWord {
            lowered: (x | (upper >> 2)).to_le_bytes(),
            length,
        })
    }

    fn bytes(&self) -> &[u8] {
        self.lowered.get(..self.length).unwrap_or_default()
    }
}

/// What a byte is to word folding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    /// A lower-case ASCII letter or a digit: kept as it is.
    Lower,
    /// An upper-case ASCII letter: lower-cased.
    Upper,
    /// Anything else: an ASCII boundary, or a byte of a multi-byte character.
    Other,
}

/// [`AsciiClass`] by byte: one load per byte in the hot loops.
static ASCII_CLASS: [AsciiClass; 256] = {
    let mut table = [AsciiClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            table[b] = AsciiClass::Lower;
        } else if byte.is_ascii_uppercase() {
            table[b] = AsciiClass::Upper;
        }
        b += 1;
    }
    table
};

/// Hands on the words of a finished token (cut further in unspaced scripts) and empties it.
fn end_token(token: &mut String, on_word: &mut impl FnMut(&[u8])) {
    if token.is_empty() {
        return;
    }
    folded_words(token).for_each(|word| on_word(word.as_bytes()));
    token.clear();
}

/// Calls `on_word` with each word of a token of folded text: the token itself, or the UAX #29
/// words of a run of a script written without spaces.
fn for_each_token_word<'a>(token: &'a str, mut on_word: impl FnMut(&'a str)) {
    if token.is_ascii() || !is_written_without_spaces(token) {
        on_word(token);
    } else {
        token.unicode_words().for_each(on_word);
    }
}

/// Whether a token of folded text holds a character of a script written without spaces.
fn is_written_without_spaces(token: &str) -> bool {
    token.chars().any(written_without_spaces)
}

/// Scripts whose words are not separated by spaces.
fn written_without_spaces(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

struct Lexicon {
    whole: Map<Cue>,
    prefix: Map<Cue>,
    /// Every proper word prefix of a prefix phrase ("related" and "related articles" for
    /// "related articles for you"): a block's words are looked up no further than a phrase goes.
    prefix_heads: Set,
    suffix: Map<Cue>,
    /// Phrases that mark a block wherever they stand in it, by their first word: each phrase
    /// folded, with a space after it, and its cue.
    within: Map<Vec<(String, Cue)>>,
    /// The shapes of the phrases' first words: most words are passed over without a lookup.
    within_shapes: Shapes,
    stopwords: Set,
    date_words: Map<DateWord>,
    bylines: Set,
    /// Titles, and two-word titles as their words joined by a space.
    titles: Set,
    /// The first words of two-word titles ("premier" of "premier ministre").
    title_heads: Set,
    credits: Set,
    markup: Map<Hint>,
    /// The markup words' shapes: most words of a class list are passed over without hashing.
    markup_shapes: Shapes,
}

/// The shapes of a list's words, by length and first byte (ASCII case aside): bit
/// `first byte % 64` of entry `length` (63 for longer), so that one load tells that a word is
/// none of the list's (the markup words, a page's candidate titles) and most words are passed
/// over without a lookup.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shapes([u64; 64]);

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes([0; 64])
    }
}

impl Shapes {
    fn entry(word: &[u8]) -> (usize, u64) {
        let first = word.first().map_or(0, u8::to_ascii_lowercase);
        (word.len().min(63), 1 << (first % 64))
    }

    /// Adds a word of the list.
    pub(crate) fn insert(&mut self, word: &[u8]) {
        let (length, bit) = Shapes::entry(word);
        self.0[length] |= bit;
    }

    /// Whether the list may hold `word`: false means it holds no word of that shape.
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        let (length, bit) = Shapes::entry(word);
        self.0[length] & bit != 0
    }
}

/// Data rows of a TSV file: comments and blank lines skipped, fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

/// The words of a two-column (language, word) list.
fn word_set(data: &'static str) -> Set {
    rows(data)
        .filter_map(|row| row.get(1).map(|w| word_key(w)))
        .collect()
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut whole = Map::default();
        let mut prefix = Map::default();
        let mut prefix_heads = Set::default();
        let mut suffix = Map::default();
        let mut within: Map<Vec<(String, Cue)>> = Map::default();
        let mut within_shapes = Shapes::default();
        for row in rows(CUES) {
            let (Some(kind), Some(how), Some(phrase)) = (row.first(), row.get(1), row.get(3))
            else {
                continue;
            };
            let cue = match *kind {
                "teaser" => Cue::Teaser,
                "inline" => Cue::Inline,
                "comments" => Cue::Comments,
                _ => Cue::Chrome,
            };
            let folded = fold(phrase);
            let map = match *how {
                "whole" => &mut whole,
                "suffix" => &mut suffix,
                "within" => {
                    // Followed by a space, a phrase matches whole words only.
                    let head = folded.split(' ').next().unwrap_or_default();
                    within_shapes.insert(head.as_bytes());
                    within
                        .entry(word_key(head))
                        .or_default()
                        .push((format!("{folded} "), cue));
                    continue;
                }
                _ => {
                    let heads = folded.match_indices(' ').map(|(end, _)| &folded[..end]);
                    prefix_heads.extend(heads.map(word_key));
                    &mut prefix
                }
            };
            map.insert(word_key(&folded), cue);
        }
        let stopwords = stop_words::available_languages()
            .iter()
            .filter(|lang| !STOPWORD_LISTS_LEFT_OUT.contains(lang))
            .filter_map(|lang| stop_words::lookup(lang))
            .flat_map(|words| words.iter().map(|w| word_key(&fold(w))))
            .collect();
        let mut date_words = Map::default();
        for row in rows(DATES) {
            let (Some(kind), Some(value), Some(names)) = (row.get(1), row.get(2), row.get(3))
            else {
                continue;
            };
            let value = value.parse::<u8>().unwrap_or(0);
            let word = match *kind {
                "month" => DateWord::Month(value),
                "weekday" => DateWord::Weekday,
                _ => DateWord::Companion,
            };
            for name in names.split_whitespace() {
                // A name that is both a month and another kind ("mar", "sat") stays a month.
                let entry = date_words.entry(word_key(name)).or_insert(word);
                if matches!(word, DateWord::Month(_)) {
                    *entry = word;
                }
            }
        }
        let (bylines, titles, credits) = (word_set(BYLINES), word_set(TITLES), word_set(CREDITS));
        let title_heads = rows(TITLES)
            .filter_map(|row| row.get(1)?.split_once(' '))
            .map(|(head, _)| word_key(head))
            .collect();
        let mut markup = Map::default();
        let mut markup_shapes = Shapes::default();
        for row in rows(MARKUP) {
            let (Some(kind), Some(word)) = (row.first(), row.get(1)) else {
                continue;
            };
            let hint = match *kind {
                "chrome" => Hint::Chrome,
                "teaser" => Hint::Teaser,
                "caption" => Hint::Caption,
                "author" => Hint::Author,
                _ => Hint::Content,
            };
            markup.insert(word_key(word), hint);
            markup_shapes.insert(word.as_bytes());
        }
        Lexicon {
            whole,
            prefix,
            prefix_heads,
            suffix,
            within,
            within_shapes,
            stopwords,
            date_words,
            bylines,
            titles,
            title_heads,
            credits,
            markup,
            markup_shapes,
        }
    })
}

/// Words a suffix cue may follow: a counter ("167 comments") or a word ("all comments").
const MAX_WORDS_BEFORE_SUFFIX: usize = 2;

/// What one pass over a block's words finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words {
    /// The words, as [`folded_words`] cuts them.
    pub count: usize,
    /// Of those, stopwords in a supported language.
    pub stopwords: usize,
    /// The cue of the first phrase of `within` cues.tsv rows found in the block.
    pub within: Option<Cue>,
}

/// The cue a block's folded text carries, if any: a whole-block phrase first, then the longest
/// phrase the block starts with, then a phrase that ends a short block, then `within`, the cue
/// [`Padded::read`] found.
pub(crate) fn cue(text: &Padded, within: Option<Cue>) -> Option<Cue> {
    let folded = text.folded();
    let lexicon = lexicon();
    // The ends of the first words, no further than a cue phrase can reach: paragraphs are
    // never hashed whole. A byte loop: words are too short for a memchr call each.
    let word_ends = folded
        .bytes()
        .enumerate()
        .filter_map(|(at, b)| (b == b' ').then_some(at))
        .chain([folded.len()]);
    let words = word_ends.clone().take(MAX_CUE_WORDS + 1).count();
    if words <= MAX_CUE_WORDS {
        if let Some(cue) = lexicon.whole.get(&word_key(folded)) {
            return Some(*cue);
        }
    }
    let mut found = None;
    for end in word_ends.take(MAX_CUE_WORDS) {
        let key = word_key(&folded[..end]);
        if let Some(cue) = lexicon.prefix.get(&key) {
            found = Some(*cue);
        }
        if !lexicon.prefix_heads.contains(&key) {
            break;
        }
    }
    found
        .or_else(|| {
            (words > 1 && words <= MAX_WORDS_BEFORE_SUFFIX + 1)
                .then(|| {
                    lexicon
                        .suffix
                        .get(&word_key(folded.rsplit(' ').next()?))
                        .copied()
                })
                .flatten()
        })
        .or(within)
}

/// Long words common in a language (`common_words.tsv`), [`fold`]ed, each with the share of
/// its language's words it makes up; a word of several languages comes once for each.
pub(crate) fn common_words() -> impl Iterator<Item = (String, f32)> {
    rows(COMMON_WORDS).flat_map(|row| {
        let zipf = row
            .get(1)
            .and_then(|z| z.parse::<f32>().ok())
            .unwrap_or(0.0);
        // A Zipf value is the log10 of a word's frequency per billion words.
        let share = 10f32.powf(zipf - 9.0);
        let words = row.get(2).copied().unwrap_or_default();
        words.split(' ').map(move |word| (fold(word), share))
    })
}

/// Whether a folded word is a stopword in one of the supported languages.
pub(crate) fn is_stopword(folded_word: &str) -> bool {
    is_stopword_key(word_key(folded_word))
}

/// [`is_stopword`] for a word's [`word_key`].
pub(crate) fn is_stopword_key(key: u64) -> bool {
    lexicon().stopwords.contains(&key)
}

/// What a folded capitalised word can be in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameWord {
    /// A stopword ("The", "Le") or a title ("President", "Frau"): never a name.
    No,
    /// A word of a name.
    Yes,
    /// A word of a name unless the next word makes a two-word title of it ("Premier" before
    /// "ministre"; [`is_two_word_title`]).
    UnlessTitled,
}

/// What a folded capitalised word can be in a name, in any supported language (one hash for
/// every list).
pub(crate) fn name_word(folded_word: &str) -> NameWord {
    let key = word_key(folded_word);
    let lexicon = lexicon();
    if lexicon.stopwords.contains(&key) || lexicon.titles.contains(&key) {
        NameWord::No
    } else if lexicon.title_heads.contains(&key) {
        NameWord::UnlessTitled
    } else {
        NameWord::Yes
    }
}

/// Whether two folded words make a title ("premier ministre"). `scratch` is scratch space.
pub(crate) fn is_two_word_title(first: &str, second: &str, scratch: &mut String) -> bool {
    scratch.clear();
    scratch.push_str(first);
    scratch.push(' ');
    scratch.push_str(second);
    lexicon().titles.contains(&word_key(scratch))
}

/// What a folded word can mean in a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateWord {
    /// A month's name, with its number 1–12.
    Month(u8),
    /// A day of the week.
    Weekday,
    /// A word that stands beside dates ("published", "updated", "am").
    Companion,
}

/// What a folded word means in a date, in any supported language.
pub(crate) fn date_word(folded_word: &str) -> Option<DateWord> {
    lexicon().date_words.get(&word_key(folded_word)).copied()
}

/// Whether a folded word is a date word or a stopword: words that stand beside dates
/// ("published", "le", "on") without telling anything else (one hash for both lookups).
pub(crate) fn stands_beside_dates(folded_word: &str) -> bool {
    let key = word_key(folded_word);
    lexicon().date_words.contains_key(&key) || is_stopword_key(key)
}

/// Whether a text ends with a picture credit: a credit word and a colon ("(Image: Getty)",
/// "Foto: dpa", "Credit: ESA", "Photo : AFP") in its last [`CREDIT_TAIL`] bytes, opening the
/// text, a bracket or a sentence. Such a text is a caption.
pub(crate) fn ends_with_credit(text: &str) -> bool {
    let tail_start = text.len().saturating_sub(CREDIT_TAIL);
    let tail_start = (tail_start..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let tail = &text[tail_start..];
    // Most blocks end with no colon: one byte search turns them away.
    memchr::memchr(b':', tail.as_bytes()).is_some()
        && tail.match_indices(':').any(|(at, _)| {
            // French sets a space before the colon ("Photo : AFP").
            let before = text[..tail_start + at].trim_end();
            let word_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map_or(before.len(), |(i, _)| i);
            let word = &before[word_start..];
            let opener = before[..word_start].trim_end().chars().last();
            !word.is_empty()
                && matches!(
                    opener,
                    None | Some('(' | '[' | '.' | ',' | '|' | ')' | '–' | '-' | '/')
                )
                && lexicon().credits.contains(&word_key(&fold(word)))
        })
}

/// Whether a folded text is a picture credit line: a credit word, then a few words ("foto
/// burkard meyer", "photos afp").
pub(crate) fn is_credit_line(folded: &str) -> bool {
    let mut words = folded.split(' ');
    words
        .next()
        .is_some_and(|first| lexicon().credits.contains(&word_key(first)))
        && words.count() < CREDIT_LINE_WORDS
}

/// A credit line runs to fewer words than this.
const CREDIT_LINE_WORDS: usize = 8;

/// How far from a text's end a picture credit may start.
const CREDIT_TAIL: usize = 80;

/// Whether a folded word opens a byline ("par", "by", "von"...).
pub(crate) fn is_byline_word(folded_word: &str) -> bool {
    lexicon().bylines.contains(&word_key(folded_word))
}

/// What the words of an element's class, id and role attributes say it holds; `values` are
/// the attributes' values, read as one run of words.
///
/// An "article body"-like pair wins; then author-box, caption, chrome, teaser and content
/// words, in order.
/// Words are runs of ASCII letters and digits, compared without case and without allocating:
/// this runs for every start tag.
pub(crate) fn markup_hint<'a>(values: impl IntoIterator<Item = &'a str>) -> Hint {
    const ORDER: [Hint; 5] = [
        Hint::Author,
        Hint::Caption,
        Hint::Chrome,
        Hint::Teaser,
        Hint::Content,
    ];
    let (markup, shapes) = (&lexicon().markup, &lexicon().markup_shapes);
    let one_of =
        |list: &[&str], word: &[u8]| list.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(word));
    let mut found = [false; ORDER.len()];
    let mut previous: &[u8] = &[];
    let mut lower = [0u8; 64];
    for value in values {
        // Bytes, not characters: every non-ASCII byte is a separator, as its character is.
        let words = value.as_bytes().split(|b| !b.is_ascii_alphanumeric());
        for word in words.filter(|w| !w.is_empty()) {
            if (one_of(CONTENT_HEADS, previous) && one_of(CONTENT_TAILS, word))
                || word.eq_ignore_ascii_case(b"articlebody")
            {
                return Hint::Content;
            }
            if one_of(AUTHOR_BOX_HEADS, previous) && one_of(AUTHOR_BOX_TAILS, word) {
                found[0] = true;
            }
            previous = word;
            if !shapes.may_hold(word) {
                continue;
            }
            let key = match lower.get_mut(..word.len()) {
                Some(buffer) => {
                    buffer.copy_from_slice(word);
                    buffer.make_ascii_lowercase();
                    xxh3_64(buffer)
                }
                None => xxh3_64(&word.to_ascii_lowercase()),
            };
            if let Some(at) = markup
                .get(&key)
                .and_then(|hint| ORDER.iter().position(|h| h == hint))
            {
                found[at] = true;
            }
        }
    }
    ORDER
        .into_iter()
        .zip(found)
        .find_map(|(hint, found)| found.then_some(hint))
        .unwrap_or(Hint::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_accents_case_and_punctuation() {
        assert_eq!(fold("À lire aussi : L’été!"), "a lire aussi l ete");
        assert_eq!(fold("  "), "");
    }

    #[test]
    fn streamed_words_equal_folded_words() {
        for text in [
            "L’Été à Tōkyō: 東京都の人口",
            "The CAT sat; on the mat.\nÉcole, caf\u{e9}s and İstanbul ﬁnance ½",
            "café-au-lait naïve ﬀ  x²",
            "at 12:30 the [Crown] @home `or` {not}~",
            "",
            "  ",
        ] {
            let folded = fold(text);
            let want: Vec<&str> = folded_words(&folded).collect();
            let mut got: Vec<String> = Vec::new();
            for_each_folded_word(text, &mut String::new(), |w| {
                got.push(String::from_utf8_lossy(w).into_owned())
            });
            assert_eq!(got, want, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn streamed_words_equal_folded_words_on_any_text(
            // Any text, and mostly ASCII text with every ASCII byte (words read eight bytes
            // at a time end at any of them).
            text in "\\PC{0,40}|[\\x00-\\x7Fé東]{0,64}",
        ) {
            let folded = fold(&text);
            let want: Vec<&str> = folded_words(&folded).collect();
            let mut got: Vec<String> = Vec::new();
            for_each_folded_word(&text, &mut String::new(), |w| {
                got.push(String::from_utf8_lossy(w).into_owned())
            });
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn reading_a_block_folds_it_and_counts_its_folded_words(
            text in "\\PC{0,40}|[\\x00-\\x7Fé東]{0,64}|(the|of|東京都の|ﬁ|½| |, )*",
        ) {
            let (padded, read) = Padded::read(&text);
            let folded = fold(&text);
            proptest::prop_assert_eq!(padded.folded(), folded.as_str());
            let stopwords = folded_words(&folded).filter(|w| is_stopword_key(word_key(w))).count();
            proptest::prop_assert_eq!(
                (read.count, read.stopwords),
                (folded_words(&folded).count(), stopwords)
            );
        }

        #[test]
        fn folding_equals_folding_a_character_at_a_time(
            text in "\\PC{0,40}|[\\x00-\\x7Fé東]{0,64}",
        ) {
            // The long way for every character, ASCII too: no byte table, no word at a time.
            let mut want = String::new();
            let mut pending_space = false;
            for c in text.chars() {
                decompose(c, |f| match f {
                    Some(f) => {
                        if pending_space && !want.is_empty() {
                            want.push(' ');
                        }
                        pending_space = false;
                        want.push(f);
                    }
                    None => pending_space = true,
                });
            }
            proptest::prop_assert_eq!(fold(&text), want);
        }
    }

    #[test]
    fn captions_end_with_a_picture_credit() {
        assert!(ends_with_credit(
            "Protesters do not want Hong Kong to lose its autonomy (Image: getty )"
        ));
        assert!(ends_with_credit(
            "A cross-section through the module. Credit: ESA/Pierre Carril"
        ));
        assert!(ends_with_credit("Foto: dpa"));
        assert!(ends_with_credit("(Bildquelle: Ring der Landjugend)"));
        assert!(ends_with_credit("Source: Reuters"));
        assert!(ends_with_credit(
            "Roman Prymula, photo: Government archives"
        ));
        // The photographer named as such, in each language.
        for credit in [
            "Rene Benko. Photographer: Sebastian Widmann/Getty Images",
            "Fotograf: Jan Kowalski",
            "Photographe : Jean Dupont",
            "(Fotógrafo: Ana Ruiz)",
            "Fotograaf: Piet Jansen",
        ] {
            assert!(ends_with_credit(credit), "{credit}");
        }
        assert!(!ends_with_credit(
            "The minister said: we will build the bridge."
        ));
        assert!(!ends_with_credit(
            "The photo: a man at a window, looking out."
        ));
        assert!(!ends_with_credit(
            "Le ministre a précisé : la photo sera publiée demain."
        ));
    }

    #[test]
    fn folded_words_cut_unspaced_scripts_only() {
        let folded = fold("L’Été à Tōkyō: 東京都の人口");
        let words: Vec<&str> = folded_words(&folded).collect();
        assert_eq!(
            words,
            ["l", "ete", "a", "tokyo", "東", "京", "都", "の", "人", "口"]
        );
    }

    #[test]
    fn each_cue_phrase_is_listed_once() {
        let mut seen = HashSet::new();
        for row in rows(CUES) {
            assert!(
                seen.insert(row.clone()),
                "listed twice in cues.tsv: {row:?}"
            );
        }
    }

    fn cue_of(text: &str) -> Option<Cue> {
        let (padded, read) = Padded::read(text);
        cue(&padded, read.within)
    }

    #[test]
    fn one_pass_counts_words_and_finds_a_phrase_after_false_starts() {
        // "i have read" opens a phrase that does not follow; the last words are one.
        let (_, read) = Padded::read("I have read the terms. You agree to our");
        assert_eq!((read.count, read.within), (9, Some(Cue::Chrome)));
        let (_, read) = Padded::read("I have read the terms. You agree to ours");
        assert_eq!((read.count, read.within), (9, None));
    }

    #[test]
    fn cues_match_whole_and_prefix() {
        assert_eq!(cue_of("Lire aussi : #Mali : un titre"), Some(Cue::Teaser));
        assert_eq!(cue_of("Article suivant"), Some(Cue::Teaser));
        assert_eq!(cue_of("Article suivant sur la page"), None);
        assert_eq!(cue_of("Lesen Sie auch"), Some(Cue::Teaser));
        assert_eq!(
            cue_of("Das könnte Dich auch interessieren:"),
            Some(Cue::Teaser)
        );
        assert_eq!(
            cue_of("Share on FacebookShare on Twitter"),
            Some(Cue::Chrome)
        );
        assert_eq!(cue_of("Sharesies raised money"), None);
        assert_eq!(cue_of("[ 167 comments ]"), Some(Cue::Chrome));
        assert_eq!(cue_of("ADVERTISEMENT"), Some(Cue::Inline));
        assert_eq!(cue_of("Readers left many comments"), None);
        // Consent boilerplate is chrome wherever its phrase stands, at word boundaries only.
        assert_eq!(
            cue_of("Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden."),
            Some(Cue::Chrome)
        );
        assert_eq!(
            cue_of("Pour recevoir nos infos, abonnez-vous à notre newsletter !"),
            Some(Cue::Chrome)
        );
        assert_eq!(
            cue_of("Readers subscribe to our newsletters in droves"),
            None
        );
        // So are disclosures and author boxes.
        assert_eq!(
            cue_of("*Werbung. Dieser Beitrag enthält Werbung für eine Marke."),
            Some(Cue::Chrome)
        );
        assert_eq!(cue_of("Über den Autor"), Some(Cue::Chrome));
        assert_eq!(cue_of("Hinterlasse eine Antwort"), Some(Cue::Comments));
        assert_eq!(
            cue_of("Diese Website verwendet Akismet, um Spam zu reduzieren."),
            Some(Cue::Chrome)
        );
        assert_eq!(
            cue_of(
                "This document is subject to copyright. Apart from fair dealing, no part may be reproduced."
            ),
            Some(Cue::Chrome)
        );
        assert_eq!(cue_of("Über den Autor des Buches wissen wir wenig"), None);
    }

    #[test]
    fn stopwords_months_and_bylines_cover_several_languages() {
        for word in ["the", "le", "der", "el", "il", "de", "что", "и"] {
            assert!(is_stopword(word), "{word}");
        }
        assert_eq!(date_word("fevrier"), Some(DateWord::Month(2)));
        assert_eq!(date_word("marz"), Some(DateWord::Month(3)));
        assert_eq!(date_word("diciembre"), Some(DateWord::Month(12)));
        assert_eq!(date_word("jeudi"), Some(DateWord::Weekday));
        assert_eq!(date_word("published"), Some(DateWord::Companion));
        assert!(is_byline_word("par") && is_byline_word("by"));
        for title in [
            "president",
            "frau",
            "alcalde",
            "ministre",
            "burgemeester",
            "excellence",
        ] {
            assert_eq!(name_word(title), NameWord::No, "{title}");
        }
        for name in ["obama", "merkel", "moscou", "king"] {
            assert_eq!(name_word(name), NameWord::Yes, "{name}");
        }
        assert_eq!(name_word("premier"), NameWord::UnlessTitled);
        assert!(is_two_word_title("premier", "ministre", &mut String::new()));
        assert!(!is_two_word_title("premier", "league", &mut String::new()));
    }

    #[test]
    fn markup_words_give_hints() {
        assert_eq!(markup_hint([" entry-content single"]), Hint::Content);
        assert_eq!(markup_hint([" main-menu"]), Hint::Chrome);
        assert_eq!(markup_hint([" related-posts"]), Hint::Teaser);
        assert_eq!(markup_hint([" canvas heads"]), Hint::None);
        assert_eq!(markup_hint([" wp-caption-text"]), Hint::Caption);
        assert_eq!(
            markup_hint(["Article", "Body"]),
            Hint::Content,
            "a pair across attributes"
        );
        assert_eq!(markup_hint(["SIDEBAR", "entry"]), Hint::Chrome);
    }
}
