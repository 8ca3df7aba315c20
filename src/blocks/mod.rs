//! Blocks: the page cut into units of text, each with what its source shows about it.
//!
//! Plain text gives one block per non-blank line ([`text`]); HTML gives one block per run of
//! text between block-level tags ([`html`]). Both produce [`RawBlock`]s, so every later stage
//! treats the two formats alike.

pub(crate) mod html;
pub(crate) mod text;

/// What the markup around a block says about it (HTML only; plain text has no markup).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing.
    #[default]
    None,
    /// Inside an element marked as the article (`<article>`, `<main>`, `class="article-body"`...).
    Content,
    /// Inside an element marked as related-article lists (`class="related"`...).
    Teaser,
    /// Inside navigation, a footer, a sidebar, a share bar, a comment section...
    Chrome,
}

/// One block as read from the input, before any judgement.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RawBlock {
    /// The text, white space folded, list bullet removed.
    pub text: String,
    /// First and last input line (1-based).
    pub first_line: u32,
    pub last_line: u32,
    /// Characters of the text that sit inside links.
    pub link_chars: usize,
    /// Links that carry text in the block (HTML).
    pub links: usize,
    /// Leading white space of the line (plain text).
    pub indent: usize,
    /// Whether the line was a list item (a bullet in plain text, `<li>` in HTML).
    pub bullet: bool,
    /// Heading level 1–6, 0 for none (HTML).
    pub heading: u8,
    /// What the surrounding markup says.
    pub hint: Hint,
}

/// Appends `text` to `out` with every run of white space folded to one space.
pub(crate) fn push_folding_space(out: &mut String, text: &str) {
    for piece in text.split_whitespace() {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(piece);
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}
