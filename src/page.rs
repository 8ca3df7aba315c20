//! What cleaning returns: a [`Page`] of labelled [`Block`]s and the [`Story`]s found in it.

use std::fmt;

/// What a block is to the reader.
///
/// ```
/// use chaff::Kind;
/// let page = chaff::clean_text("Home\nNews\nSport\nHarbour wall to be rebuilt\nThe council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.\nRead more: Ferry timetable changes\n");
/// let kinds: Vec<Kind> = page.blocks.iter().map(|b| b.kind).collect();
/// assert_eq!(kinds, [Kind::Chrome, Kind::Chrome, Kind::Chrome, Kind::Content, Kind::Content, Kind::Teaser]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The story itself: its title, lead, body, sub-headings and list items.
    Content,
    /// A block that advertises other articles: related links, "Read more", next and previous
    /// article, trending and latest-news lists, with their snippets, bylines and dates.
    Teaser,
    /// Site furniture: menus, footers, share and comment prompts, subscription prompts, cookie
    /// notices, tag lists, counters.
    Chrome,
    /// The story's byline, publication date, or a repeat of its title.
    Metadata,
}

impl Kind {
    /// The lower-case name used in chaff's JSON output.
    ///
    /// ```
    /// assert_eq!(chaff::Kind::Teaser.as_str(), "teaser");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Content => "content",
            Kind::Teaser => "teaser",
            Kind::Chrome => "chrome",
            Kind::Metadata => "metadata",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The input format a page was read from.
///
/// ```
/// assert_eq!(chaff::clean_text("Plain text.").format, chaff::Format::Text);
/// assert_eq!(chaff::clean_html(b"<p>Markup.</p>")?.format, chaff::Format::Html);
/// # Ok::<(), chaff::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// HTML markup.
    Html,
    /// Already-scraped plain text, one block per line.
    Text,
}

impl Format {
    /// The lower-case name used in chaff's JSON output.
    ///
    /// ```
    /// assert_eq!(chaff::Format::Html.as_str(), "html");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// A 1-based, inclusive range of input lines.
///
/// ```
/// let page = chaff::clean_html(b"<h1>Harbour wall to be rebuilt</h1>\n<p>The council agreed on Tuesday,\nafter a long debate, to rebuild the old harbour wall before the winter storms return.</p>")?;
/// let lines: Vec<(u32, u32)> = page.blocks.iter().map(|b| (b.lines.first, b.lines.last)).collect();
/// assert_eq!(lines, [(1, 1), (2, 3)]);
/// # Ok::<(), chaff::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lines {
    /// The first line.
    pub first: u32,
    /// The last line.
    pub last: u32,
}

/// One block of the page with its label and where it stands in the input.
///
/// ```
/// let page = chaff::clean_text("Menu\nThe council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.\n");
/// let block = &page.blocks[1];
/// assert_eq!((block.kind, block.lines.first, block.lines.last), (chaff::Kind::Content, 2, 2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: Kind,
    /// Where it stands in the input.
    pub lines: Lines,
    /// Its text, white space folded, in Unicode normalization form C.
    pub text: String,
}

/// One story of a page: most pages hold one, a digest page several.
///
/// ```
/// let page = chaff::clean_text("Title of the story here\nThe story's only paragraph is long enough to be read as the body of an article, with a lead, a quote and the facts in the right order.\n");
/// let story = &page.stories[0];
/// assert_eq!(story.title.as_deref(), Some("Title of the story here"));
/// assert!(story.text.starts_with("The story's only paragraph"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// The story's title, when one was found.
    pub title: Option<String>,
    /// The input lines of the story's title and content blocks, in order.
    pub lines: Vec<Lines>,
    /// The story's text without its title: its content blocks, one paragraph a line.
    pub text: String,
    /// The story's date as written: the page's date, or on a digest the first date in the story.
    pub date: Option<String>,
    /// The indices in [`Page::blocks`] of the story's title and content blocks.
    pub blocks: Vec<usize>,
}

/// A cleaned page.
///
/// ```
/// let page = chaff::clean_text("Home\nNews\nThe council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.\n");
/// assert_eq!(page.format, chaff::Format::Text);
/// assert_eq!(page.text(), "The council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return to the coast.");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The format the page was read from.
    pub format: Format,
    /// The main story's title: its heading on the page or, when the page shows none (or a
    /// dateline where it stands), the title its markup names (`og:title`, the JSON-LD
    /// headline, `<title>`).
    pub title: Option<String>,
    /// The main story's byline: a byline block, or the author the markup names (`<meta
    /// name="author">`, JSON-LD).
    pub byline: Option<String>,
    /// The main story's publication date, as written on the page (a dateline block), or as
    /// the markup gives it (`article:published_time`, `<time datetime>`, JSON-LD).
    pub date: Option<String>,
    /// Every block of the page, in reading order.
    pub blocks: Vec<Block>,
    /// The stories on the page, in reading order; empty when the page has no article. A short
    /// page without chrome (a brief, a headline over its first line) is one story, even when
    /// none of its lines is long enough to read as prose; its text may then be empty, the
    /// headline being its title.
    pub stories: Vec<Story>,
}

impl Page {
    /// The cleaned text of every story on the page, stories separated by a blank line.
    ///
    /// ```
    /// let page = chaff::clean_text("Harbour wall to be rebuilt\nThe council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms return.\n");
    /// assert_eq!(page.text(), "The council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms return.");
    /// ```
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self
            .stories
            .iter()
            .map(|s| s.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        texts.join("\n\n")
    }
}
