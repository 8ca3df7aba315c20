//! The language data chaff reads: cue phrases, stopwords, month names and byline words.
//!
//! Everything language-specific lives here, as data: [`cues.tsv`](self) for teaser and chrome
//! phrases, `dates.tsv` for dates, `bylines.tsv` for bylines, and the NLTK stopword lists of the
//! `stop-words` crate. Matching is done on [`fold`]ed text, so lists are written in plain lower case
//! without accents.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::blocks::Hint;
use unicode_normalization::char::is_combining_mark;

const CUES: &str = include_str!("cues.tsv");
const DATES: &str = include_str!("dates.tsv");
const BYLINES: &str = include_str!("bylines.tsv");
const MARKUP: &str = include_str!("markup.tsv");

/// Words that, followed by one of [`CONTENT_TAILS`], name the article's own container.
const CONTENT_HEADS: &[&str] = &["article", "post", "entry", "story", "news", "main"];
const CONTENT_TAILS: &[&str] = &["body", "content", "text"];

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
}

/// Lower-cases, strips accents and turns every run of non-alphanumeric characters into one space.
///
/// This is the form in which blocks are compared with each other and with the phrase lists.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

struct Lexicon {
    whole: HashMap<String, Cue>,
    prefix: HashMap<String, Cue>,
    suffix: HashMap<String, Cue>,
    stopwords: HashSet<String>,
    date_words: HashMap<String, DateWord>,
    bylines: HashSet<String>,
    markup: HashMap<String, Hint>,
}

/// Data rows of a TSV file: comments and blank lines skipped, fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut whole = HashMap::new();
        let mut prefix = HashMap::new();
        let mut suffix = HashMap::new();
        for row in rows(CUES) {
            let (Some(kind), Some(how), Some(phrase)) = (row.first(), row.get(1), row.get(3))
            else {
                continue;
            };
            let cue = if *kind == "teaser" {
                Cue::Teaser
            } else {
                Cue::Chrome
            };
            let map = match *how {
                "whole" => &mut whole,
                "suffix" => &mut suffix,
                _ => &mut prefix,
            };
            map.insert(fold(phrase), cue);
        }
        let stopwords = stop_words::available_languages()
            .iter()
            .filter(|lang| !STOPWORD_LISTS_LEFT_OUT.contains(lang))
            .filter_map(|lang| stop_words::lookup(lang))
            .flat_map(|words| words.iter().map(|w| fold(w)))
            .collect();
        let mut date_words = HashMap::new();
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
                let entry = date_words.entry(name.to_string()).or_insert(word);
                if matches!(word, DateWord::Month(_)) {
                    *entry = word;
                }
            }
        }
        let bylines = rows(BYLINES)
            .filter_map(|row| row.get(1).map(|w| w.to_string()))
            .collect();
        let markup = rows(MARKUP)
            .filter_map(|row| {
                let hint = match *row.first()? {
                    "chrome" => Hint::Chrome,
                    "teaser" => Hint::Teaser,
                    "caption" => Hint::Caption,
                    _ => Hint::Content,
                };
                Some((row.get(1)?.to_string(), hint))
            })
            .collect();
        Lexicon {
            whole,
            prefix,
            suffix,
            stopwords,
            date_words,
            bylines,
            markup,
        }
    })
}

/// Words a suffix cue may follow: a counter ("167 comments") or a word ("all comments").
const MAX_WORDS_BEFORE_SUFFIX: usize = 2;

/// The cue a block's folded text carries, if any: a whole-block phrase first, then the longest
/// phrase the block starts with, then a phrase that ends a short block.
pub(crate) fn cue(folded: &str) -> Option<Cue> {
    let lexicon = lexicon();
    if let Some(cue) = lexicon.whole.get(folded) {
        return Some(*cue);
    }
    let mut found = None;
    for (words, (end, _)) in folded
        .match_indices(' ')
        .chain([(folded.len(), "")])
        .enumerate()
    {
        if words >= MAX_CUE_WORDS {
            break;
        }
        if let Some(cue) = lexicon.prefix.get(&folded[..end]) {
            found = Some(*cue);
        }
    }
    found.or_else(|| {
        let words: Vec<&str> = folded.split(' ').collect();
        let last = words.last()?;
        (words.len() > 1 && words.len() <= MAX_WORDS_BEFORE_SUFFIX + 1)
            .then(|| lexicon.suffix.get(*last).copied())
            .flatten()
    })
}

/// Whether a folded word is a stopword in one of the supported languages.
pub(crate) fn is_stopword(folded_word: &str) -> bool {
    lexicon().stopwords.contains(folded_word)
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
    lexicon().date_words.get(folded_word).copied()
}

/// Whether a folded word opens a byline ("par", "by", "von"...).
pub(crate) fn is_byline_word(folded_word: &str) -> bool {
    lexicon().bylines.contains(folded_word)
}

/// What the words of an element's class, id and role attributes say it holds.
///
/// An "article body"-like pair wins; then caption, chrome, teaser and content words, in order.
pub(crate) fn markup_hint(attributes: &str) -> Hint {
    let lower = attributes.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let content_pair = words
        .windows(2)
        .any(|w| CONTENT_HEADS.contains(&w[0]) && CONTENT_TAILS.contains(&w[1]));
    if content_pair || words.contains(&"articlebody") {
        return Hint::Content;
    }
    let markup = &lexicon().markup;
    let hints: Vec<Hint> = words
        .iter()
        .filter_map(|w| markup.get(*w).copied())
        .collect();
    [Hint::Caption, Hint::Chrome, Hint::Teaser, Hint::Content]
        .into_iter()
        .find(|h| hints.contains(h))
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
    fn cues_match_whole_and_prefix() {
        assert_eq!(
            cue(&fold("Lire aussi : #Mali : un titre")),
            Some(Cue::Teaser)
        );
        assert_eq!(cue(&fold("Article suivant")), Some(Cue::Teaser));
        assert_eq!(cue(&fold("Article suivant sur la page")), None);
        assert_eq!(cue(&fold("Lesen Sie auch")), Some(Cue::Teaser));
        assert_eq!(
            cue(&fold("Share on FacebookShare on Twitter")),
            Some(Cue::Chrome)
        );
        assert_eq!(cue(&fold("Sharesies raised money")), None);
        assert_eq!(cue(&fold("[ 167 comments ]")), Some(Cue::Chrome));
        assert_eq!(cue(&fold("Readers left many comments")), None);
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
    }

    #[test]
    fn markup_words_give_hints() {
        assert_eq!(markup_hint(" entry-content single"), Hint::Content);
        assert_eq!(markup_hint(" main-menu"), Hint::Chrome);
        assert_eq!(markup_hint(" related-posts"), Hint::Teaser);
        assert_eq!(markup_hint(" canvas heads"), Hint::None);
        assert_eq!(markup_hint(" wp-caption-text"), Hint::Caption);
    }
}
