//! chaff separates the wheat from the chaff in scraped news.
//!
//! It reads a news page, as HTML or as the plain text a scraper leaves (one block per line), and
//! tells apart the story itself from the site around it: menus, footers, share bars, comment
//! forms and tag clouds (**chrome**), and the repeated related-article teasers, "Lire aussi",
//! "Read more", next and previous article, trending and latest-news lists (**teasers**). It then
//! fingerprints stories so that copies and different outlets' reports of one event can be found.
//!
//! # Cleaning a page
//!
//! ```
//! let html = r#"<html><head><title>Rain expected on Friday - The Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Rain expected on Friday</h1>
//!     <p>Forecasters said on Thursday that heavy rain is expected over most of the country on
//!        Friday, with the largest amounts in the north.</p>
//!     <p>Residents were asked to avoid travelling and to keep away from rivers until Saturday.</p>
//!   </article>
//!   <aside class="related"><h3>Read more</h3><a href="/x">Storm damage counted in the capital</a></aside>
//!   <footer>© 2025 The Daily</footer></body></html>"#;
//! let page = chaff::clean_html(html.as_bytes())?;
//! assert_eq!(page.title.as_deref(), Some("Rain expected on Friday"));
//! assert!(page.text().starts_with("Forecasters said on Thursday"));
//! assert!(!page.text().contains("Storm damage"));
//! let kinds: Vec<&str> = page.blocks.iter().map(|b| b.kind.as_str()).collect();
//! assert_eq!(kinds, ["chrome", "content", "content", "content", "teaser", "teaser", "chrome"]);
//! # Ok::<(), chaff::Error>(())
//! ```
//!
//! Plain text works the same way; every block keeps its input line range:
//!
//! ```
//! let text = "Home\nWorld\n\nRain expected on Friday\n\
//!     Forecasters said on Thursday that heavy rain is expected over most of the country on Friday.\n\
//!     Residents were asked to avoid travelling and to keep away from rivers until Saturday.\n\
//!     Read more: Storm damage counted in the capital\n";
//! let page = chaff::clean_text(text);
//! let story = &page.stories[0];
//! assert_eq!(story.title.as_deref(), Some("Rain expected on Friday"));
//! assert_eq!(story.lines.iter().map(|l| (l.first, l.last)).collect::<Vec<_>>(), [(4, 6)]);
//! assert_eq!(page.blocks[5].kind, chaff::Kind::Teaser);
//! ```
//!
//! # Finding the same story
//!
//! [`StoryIndex`] takes stories and returns [`Cluster`]s: near-duplicates (copies, light
//! rewrites: close simhashes) and same-story reports (different words, same names, dates and
//! numbers). The stories of a digest go in together with [`StoryIndex::insert_page`]: a page
//! tells each story once, so its stories are never clustered with one another but as copies.
//!
//! ```
//! let mut index = chaff::StoryIndex::new();
//! let page = chaff::clean_text("Diop in Moscow\nOn 28 February 2024 Sergey Lavrov received Abdoulaye Diop, Mali's foreign minister, in Moscow, where the two men discussed trade and security.\n");
//! for story in &page.stories {
//!     index.insert(story);
//! }
//! let report = "Abdoulaye Diop and Sergey Lavrov held talks in Moscow on 28 February 2024.";
//! index.insert_fingerprint(chaff::Fingerprint::new(None, report, None));
//! let cluster = &index.clusters()[0];
//! assert_eq!(cluster.members, [0, 1]);
//! // Every cluster says why: what its members share.
//! assert_eq!(cluster.evidence.names[0], "sergey lavrov");
//! assert_eq!(cluster.evidence.dates, ["--02-28"]);
//! ```
//!
//! # Copies at a Jaccard threshold
//!
//! Where a corpus is deduplicated by the share of shingles two texts have in common, a
//! [`minhash::MinHash`] signature estimates it and a [`minhash::MinHashIndex`] finds the stored
//! texts at or above a threshold:
//!
//! ```
//! use chaff::minhash::{MinHash, MinHashIndex};
//! let mut index = MinHashIndex::new(0.8);
//! let text = "Forecasters said on Thursday that heavy rain is expected over most of the country \
//!     on Friday, with the largest amounts in the north, and asked residents to keep away from rivers.";
//! let id = index.insert(MinHash::new(text));
//! let copy = format!("{text} Share this article.");
//! assert_eq!(index.query(&MinHash::new(&copy))[0].0, id);
//! ```
//!
//! # The pipeline
//!
//! Each stage is a module: [`decode`](crate::clean_html) (bytes to text) → `blocks` (text cut into
//! blocks, from HTML with html5ever's tokenizer or from plain lines; a page's JSON-LD stands in
//! for the story when the page shows only a stub of it) → `signals` (what each block
//! shows) → `labels` (content, teaser, chrome, metadata) → `stories` (title, byline, date, digest
//! split) → [`fingerprint`] (and [`minhash`]) → [`StoryIndex`] (and [`HammingIndex`],
//! [`minhash::MinHashIndex`]). Language data (cue phrases, stopwords, month names)
//! is kept as data in one place, `src/lexicon/`.
//!
//! # Bad input
//!
//! Cleaning never panics, and takes time and memory linear in the input. What each kind of
//! hostile input gives (each row is a test in `tests/bad_input.rs`):
//!
//! | input | outcome |
//! |---|---|
//! | invalid UTF-8 | best effort: read as Windows-1252, the web's legacy default (browsers do the same) |
//! | UTF-16, with or without a byte-order mark | decoded; without a BOM, recognised by its NUL bytes |
//! | Windows-1252 or ISO-8859-1, with or without `<meta charset>` | decoded by the declaration, or by the fallback above |
//! | a wrong `<meta charset>` (Latin-1 declared, UTF-8 bytes) | best effort: valid UTF-8 with multi-byte sequences is read as UTF-8 |
//! | an unknown charset label | ignored, as if absent |
//! | NUL bytes | dropped from HTML text (as the HTML tokenizer does); plain text with more than 10% control bytes is binary |
//! | binary junk: images, archives, executables | [`Error::Binary`], naming the format when its magic number is known |
//! | an empty page, a page of white space, a page of menus | a [`Page`] with no story and empty text, never the menu |
//! | a page over [`Options::max_bytes`] (64 MiB by default) | [`Error::TooLarge`] |
//! | 100,000 nested elements | elements deeper than [`Options::max_depth`] (512) count as their ancestor |
//! | a tag with 1,000,000 attributes | attributes the cleaner never reads, and those past the first 1,000 it reads, are dropped before tokenizing |
//! | a line of 10 MB | one block, like any other line |
//! | an unclosed comment, script or style | what follows is not text, as in a browser |
//! | structured data (JSON-LD) that is not JSON | ignored: the page is read from its markup |
//! | broken or unbalanced markup | tokenized as a browser would; stray end tags are ignored |

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "parallel")]
pub mod batch;
mod blocks;
mod dates;
mod decode;
mod error;
pub mod fingerprint;
mod hamming;
mod index;
mod labels;
mod lexicon;
pub mod minhash;
mod page;
mod signals;
mod stories;

pub use error::Error;
pub use fingerprint::Fingerprint;
pub use hamming::HammingIndex;
pub use index::{Cluster, Evidence, Relation, StoryIndex};
pub use page::{Block, Format, Kind, Lines, Page, Story};

/// Limits and hints for cleaning.
///
/// ```
/// let options = chaff::Options { max_bytes: 1024, ..chaff::Options::default() };
/// let err = chaff::clean_html_with(&[b' '; 2048], &options).unwrap_err();
/// assert_eq!(err, chaff::Error::TooLarge { size: 2048, limit: 1024 });
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Inputs larger than this many bytes are refused with [`Error::TooLarge`]. Default 64 MiB.
    pub max_bytes: usize,
    /// HTML elements nested deeper than this count as their ancestor. Default 512.
    pub max_depth: usize,
    /// The HTTP `Content-Type` the page was served with, if known: its charset wins over the
    /// page's own `<meta charset>`.
    pub content_type: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_bytes: 64 << 20,
            max_depth: 512,
            content_type: None,
        }
    }
}

/// Cleans an HTML page given as bytes, with the default [`Options`].
///
/// ```
/// let page = chaff::clean_html(b"<p>The council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.</p>")?;
/// assert_eq!(page.blocks[0].kind, chaff::Kind::Content);
/// # Ok::<(), chaff::Error>(())
/// ```
pub fn clean_html(html: &[u8]) -> Result<Page, Error> {
    clean_html_with(html, &Options::default())
}

/// Cleans an HTML page given as bytes.
///
/// ```
/// let options = chaff::Options { content_type: Some("text/html; charset=iso-8859-1".into()), ..Default::default() };
/// let page = chaff::clean_html_with(b"<p>Le caf\xE9 est servi dans la salle, avec les journaux du matin, la radio et les nouvelles du march\xE9 que les clients commentent.</p>", &options)?;
/// assert!(page.text().contains("café"));
/// # Ok::<(), chaff::Error>(())
/// ```
pub fn clean_html_with(html: &[u8], options: &Options) -> Result<Page, Error> {
    check_size(html.len(), options)?;
    let text = decode::decode(html, options.content_type.as_deref(), true)?;
    let depth = options.max_depth.max(1);
    let read = blocks::html::blocks(&text, depth);
    let names = [&read.meta.og_title, &read.meta.title]
        .into_iter()
        .flatten()
        .map(String::as_str);
    let hints = labels::TitleHints::new(names);
    let mut page_blocks = read.blocks;
    let mut signals = signals::signals(&page_blocks, Format::Html);
    let mut labels = labels::label(&page_blocks, &signals, &hints);
    // A page that scripts build may show a reader only a stub of the story its structured
    // data holds whole: the structured article then joins the page's blocks.
    let article = read.meta.article.as_ref();
    if let Some(paragraphs) =
        article.and_then(|a| a.standing_in(labels.story_bytes(&page_blocks), depth))
    {
        blocks::structured::insert(paragraphs, &mut page_blocks);
        signals = signals::signals(&page_blocks, Format::Html);
        labels = labels::label(&page_blocks, &signals, &hints);
    }
    Ok(stories::assemble(
        Format::Html,
        page_blocks,
        &signals,
        &labels,
        Some(&read.meta),
    ))
}

/// Cleans already-scraped plain text: one block per non-blank line.
///
/// ```
/// let page = chaff::clean_text("Menu\nThe council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.\n© 2025");
/// let kinds: Vec<chaff::Kind> = page.blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [chaff::Kind::Chrome, chaff::Kind::Content, chaff::Kind::Chrome]);
/// ```
pub fn clean_text(text: &str) -> Page {
    let blocks = blocks::text::blocks(text);
    let signals = signals::signals(&blocks, Format::Text);
    let labels = labels::label(&blocks, &signals, &labels::TitleHints::default());
    stories::assemble(Format::Text, blocks, &signals, &labels, None)
}

/// Decodes plain-text bytes: a byte-order mark or UTF-16 is honoured, valid UTF-8 is read as
/// UTF-8, anything else as Windows-1252; binary data is an error.
///
/// ```
/// assert_eq!(chaff::decode_text(b"caf\xE9")?, "café");
/// assert!(chaff::decode_text(b"\x1F\x8B\x08\x00").is_err());
/// # Ok::<(), chaff::Error>(())
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    decode_text_with(bytes, &Options::default())
}

/// Decodes plain-text bytes as [`decode_text`] does, with [`Options`]: the size limit and the
/// content type's charset apply.
///
/// ```
/// let options = chaff::Options { content_type: Some("text/plain; charset=windows-1251".into()), ..Default::default() };
/// assert_eq!(chaff::decode_text_with(b"\xCF\xF0\xE8\xE2\xE5\xF2", &options)?, "Привет");
/// # Ok::<(), chaff::Error>(())
/// ```
pub fn decode_text_with(bytes: &[u8], options: &Options) -> Result<String, Error> {
    check_size(bytes.len(), options)?;
    decode::decode(bytes, options.content_type.as_deref(), false).map(std::borrow::Cow::into_owned)
}

fn check_size(size: usize, options: &Options) -> Result<(), Error> {
    if size > options.max_bytes {
        return Err(Error::TooLarge {
            size,
            limit: options.max_bytes,
        });
    }
    Ok(())
}

/// The README's Rust examples, run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
