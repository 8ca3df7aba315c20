//! Blocks: the page cut into units of text, each with what its source shows about it.
//!
//! Plain text gives one block per non-blank line ([`text`]); HTML gives one block per run of
//! text between block-level tags ([`html`]), and its structured data an article to stand in for
//! a stub ([`structured`]). All produce [`RawBlock`]s, so every later stage treats the formats
//! alike. Block text is in Unicode normalization form C.

pub(crate) mod html;
pub(crate) mod structured;
pub(crate) mod text;

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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
    /// A figure's caption or credit: part of the page's run of text, not of the story.
    Caption,
    /// A box about the article's author (`class="author-bio"`...): the site speaking of its
    /// writer, chrome even inside the article.
    Author,
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
    /// Of those, characters inside links to places on the same page (HTML): a table of
    /// contents.
    pub page_link_chars: usize,
    /// Links that carry text in the block (HTML).
    pub links: usize,
    /// Leading white space of the line (plain text).
    pub indent: usize,
    /// Whether the line was a list item (a bullet in plain text, `<li>` in HTML).
    pub bullet: bool,
    /// Whether the block is a row of a table (HTML).
    pub table_row: bool,
    /// Heading level 1–6, 0 for none (HTML).
    pub heading: u8,
    /// What the surrounding markup says.
    pub hint: Hint,
}

/// Invisible characters that only hint at line breaking: soft hyphen, zero-width space and
/// joiners, byte-order mark.
const INVISIBLE: &[char] = &[
    '\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}',
];

/// Whether `text` is in Unicode normalization form C.
fn is_nfc(text: &str) -> bool {
    // Every character below U+0300, where combining marks begin, is: its bytes are ASCII,
    // continuation bytes, or lead bytes up to 0xCB. So are the dashes, quotes and ellipsis
    // of U+2010..U+203F (bytes E2 80 90..BF), which English text is full of. Most text is
    // decided so, and the rest is checked from its first other character: those before it
    // combine with nothing, as the quick check starting afresh assumes. Most lines are ASCII:
    // those are decided a word at a time first.
    if text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(lead) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b >= 0xCC))
        .map(|found| at + found)
    {
        let punctuation = matches!(bytes.get(lead..lead + 3), Some([0xE2, 0x80, 0x90..=0xBF]));
        if !punctuation {
            return text
                .get(lead..)
                .is_some_and(|rest| is_nfc_quick(rest.chars()) == IsNormalized::Yes);
        }
        at = lead + 3;
    }
    true
}

/// `text` in Unicode normalization form C, the form in which search indexes and most tools
/// compare text: a letter written with a combining accent becomes the composed letter, and the
/// few composed letters that normalization splits (Bengali 'য়') become letter and mark. Most
/// text already is: it is checked first and borrowed as it is.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Appends `text` to `out` with every run of white space folded to one space. Text is joined
/// as written: pieces split by inline tags or character references ("<b>P</b>olska") stay one
/// word; invisible break hints are dropped.
pub(crate) fn push_folding_space(out: &mut String, text: &str) {
    // Most lines hold single spaces between words and no hint: nothing to fold.
    if is_folded(text) {
        out.push_str(text);
    } else {
        push_folded_space(out, text);
    }
}

/// [`push_folding_space`] for `text` known not to be [`is_folded`]: the folding itself.
pub(crate) fn push_folded_space(out: &mut String, text: &str) {
    let mut space = text.starts_with(char::is_whitespace);
    for piece in text.split_whitespace() {
        if space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        if piece.contains(INVISIBLE) {
            out.extend(piece.chars().filter(|c| !INVISIBLE.contains(c)));
        } else {
            out.push_str(piece);
        }
        space = true;
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Whether `text` neither opens nor ends with white space and holds none but single spaces
/// between words, and no invisible hint.
pub(crate) fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_none_or(|&b| b == b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (at, &b) in bytes.iter().enumerate() {
        // Visible ASCII and the inner bytes of characters: nothing to look at.
        if b > b' ' && b < 0xC0 {
            after_space = false;
            continue;
        }
        let space = b == b' ';
        let irregular = (space && after_space)
            || (!space && b.is_ascii() && char::from(b).is_whitespace())
            // A character's first byte: a Unicode space or hint is one character.
            || (b >= 0xC0
                && text
                    .get(at..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| c.is_whitespace() || INVISIBLE.contains(&c)));
        if irregular {
            return false;
        }
        after_space = space;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{html, is_nfc, nfc, push_folding_space, text};

    #[test]
    fn block_text_is_composed_as_nfc() {
        // A letter with a combining accent, and a Bengali letter NFC splits in two.
        assert_eq!(nfc("Cafe\u{301} cre\u{300}me"), "Caf\u{e9} cr\u{e8}me");
        assert_eq!(nfc("\u{9df}"), "\u{9af}\u{9bc}");
        assert!(is_nfc("plain ASCII") && is_nfc("d\u{e9}j\u{e0}") && !is_nfc("e\u{301}"));
        let text = text::blocks("Cafe\u{301}\n");
        let html = html::blocks("<p>Cafe\u{301}</p>", 64).blocks;
        assert_eq!(
            (text[0].text.as_str(), html[0].text.as_str()),
            ("Caf\u{e9}", "Caf\u{e9}")
        );
    }

    #[test]
    fn folding_joins_pieces_as_written() {
        let mut out = String::new();
        for piece in [
            "P",
            "olsce ",
            " ma",
            "\n  3,1",
            " proc.",
            "Fu",
            "ß",
            "g\u{AD}än",
            "ger",
        ] {
            push_folding_space(&mut out, piece);
        }
        assert_eq!(out, "Polsce ma 3,1 proc.Fußgänger");
    }

    #[test]
    fn lines_already_folded_are_copied_and_others_folded() {
        let folded = |text: &str| {
            let mut out = String::new();
            push_folding_space(&mut out, text);
            out
        };
        assert_eq!(folded("l’été, à Genève — 3 ans"), "l’été, à Genève — 3 ans");
        assert_eq!(folded("a\u{A0}b\u{2009}c\u{3000}d"), "a b c d");
        assert_eq!(folded("a  b\tc\u{B}d"), "a b c d");
        assert_eq!(folded("zero\u{200B}width so\u{AD}ft"), "zerowidth soft");
        assert_eq!(folded(" a b "), "a b ");
    }
}
