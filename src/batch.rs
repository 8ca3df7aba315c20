//! Batches: many pages cleaned and fingerprinted at once, on every core (with the `parallel`
//! feature, on by default).
//!
//! ```
//! use chaff::batch::{clean_batch, Input};
//! let pages: Vec<String> = (1..=4)
//!     .map(|n| format!("<h1>Notice {n}</h1><p>The harbour office posted notice number {n} on Monday, and the ferry company answered it the same afternoon with a new timetable.</p>"))
//!     .collect();
//! let inputs: Vec<Input> = pages.iter().map(|p| Input::Html(p.as_bytes())).collect();
//! let cleaned = clean_batch(&inputs, &chaff::Options::default());
//! let titles: Vec<String> = cleaned.iter().filter_map(|c| c.page.as_ref().ok()?.title.clone()).collect();
//! assert_eq!(titles, ["Notice 1", "Notice 2", "Notice 3", "Notice 4"], "in input order");
//! ```

use rayon::prelude::*;

use crate::{Error, Fingerprint, Options, Page};

/// One page of a batch, in either input format.
///
/// ```
/// use chaff::batch::{clean_one, Input};
/// let text = "Harbour wall to be rebuilt\nThe council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms.\n";
/// let as_text = clean_one(Input::Text(text.as_bytes()), &chaff::Options::default());
/// let as_html = clean_one(Input::Html(b"<h1>Harbour wall to be rebuilt</h1><p>The council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms.</p>"), &chaff::Options::default());
/// let title = |c: &chaff::batch::Cleaned| c.page.as_ref().ok().and_then(|p| p.title.clone());
/// assert_eq!(title(&as_text).as_deref(), Some("Harbour wall to be rebuilt"));
/// assert_eq!(title(&as_text), title(&as_html));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// HTML bytes, decoded as [`clean_html`](crate::clean_html) decodes them.
    Html(&'a [u8]),
    /// Plain text bytes, decoded as [`decode_text`](crate::decode_text) decodes them.
    Text(&'a [u8]),
}

impl Input<'_> {
    fn len(&self) -> usize {
        match self {
            Input::Html(bytes) | Input::Text(bytes) => bytes.len(),
        }
    }
}

/// A cleaned page of a batch with the fingerprints of its stories, in story order.
///
/// ```
/// use chaff::batch::{clean_one, Input};
/// // Bytes that are not text: the page is an error, and there is nothing to fingerprint.
/// let cleaned = clean_one(Input::Html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), &chaff::Options::default());
/// assert_eq!(cleaned.page.err(), Some(chaff::Error::Binary { kind: "PNG image" }));
/// assert!(cleaned.fingerprints.is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct Cleaned {
    /// The page, or why it could not be read.
    pub page: Result<Page, Error>,
    /// One fingerprint per story of the page.
    pub fingerprints: Vec<Fingerprint>,
}

/// Cleans and fingerprints every input on all cores; results are in input order.
///
/// ```
/// use chaff::batch::{clean_batch, Input};
/// let story = "The council met on Tuesday evening and agreed, after a long debate, to rebuild the old harbour wall before the winter storms return.";
/// let html = format!("<p>{story}</p>");
/// let cleaned = clean_batch(&[Input::Html(html.as_bytes()), Input::Text(story.as_bytes())], &chaff::Options::default());
/// assert_eq!(cleaned.len(), 2);
/// assert!(cleaned.iter().all(|c| c.fingerprints.len() == 1));
/// assert_eq!(cleaned[0].fingerprints[0].simhash, cleaned[1].fingerprints[0].simhash);
/// ```
pub fn clean_batch(inputs: &[Input<'_>], options: &Options) -> Vec<Cleaned> {
    // Largest first, one page per task: a large page taken up last would leave the other
    // cores idle while one finishes it.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(inputs[i].len()));
    let mut cleaned: Vec<(usize, Cleaned)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&i| (i, clean_one(inputs[i], options)))
        .collect();
    cleaned.sort_unstable_by_key(|&(i, _)| i);
    cleaned.into_iter().map(|(_, c)| c).collect()
}

/// Cleans and fingerprints one input: what [`clean_batch`] does on each core.
///
/// ```
/// use chaff::batch::{clean_one, Input};
/// let text = "The council agreed on Tuesday, after a long debate, to rebuild the old harbour wall before the winter storms.";
/// let cleaned = clean_one(Input::Text(text.as_bytes()), &chaff::Options::default());
/// let page = cleaned.page.as_ref().expect("plain text");
/// assert_eq!(cleaned.fingerprints, [chaff::Fingerprint::of(&page.stories[0])]);
/// ```
pub fn clean_one(input: Input<'_>, options: &Options) -> Cleaned {
    let page = match input {
        Input::Html(bytes) => crate::clean_html_with(bytes, options),
        Input::Text(bytes) => {
            crate::decode_text_with(bytes, options).map(|text| crate::clean_text(&text))
        }
    };
    let fingerprints = page
        .as_ref()
        .map(|p| p.stories.iter().map(Fingerprint::of).collect())
        .unwrap_or_default();
    Cleaned { page, fingerprints }
}
