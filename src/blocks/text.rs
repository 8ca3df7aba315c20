//! Blocks of already-scraped plain text: one block per non-blank line.

use super::RawBlock;

/// List bullets that scrapers leave at the start of a line, each followed by white space.
const BULLETS: &[char] = &[
    '•', '*', '+', '-', '·', '▪', '◦', '‣', '○', '●', '■', '□', '►', '»',
];

/// Cuts plain text into blocks, one per non-blank line.
pub(crate) fn blocks(text: &str) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut line = 1u32;
    // A line that needs folding is folded here first, then copied at its exact size: the
    // page's blocks are what the cleaning holds at its peak.
    let mut folded = String::new();
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if let Some(block) = block(&text[start..end], line, &mut folded) {
            blocks.push(block);
        }
        if end >= bytes.len() {
            break;
        }
        start = end + 1;
        line = line.saturating_add(1);
    }
    blocks
}

fn block(line_text: &str, line: u32, folded: &mut String) -> Option<RawBlock> {
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    // Scraped text is often indented by runs of ASCII spaces (a quarter of some pages' bytes),
    // skipped a byte at a time before the Unicode-aware trim.
    let ascii_indent = line_text
        .bytes()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line_text.len());
    let body = line_text[ascii_indent..].trim_start();
    let indent = line_text.len() - body.len();
    let (body, bullet) = strip_bullet(body, indent > 0);
    // Most lines need no folding, and those hold no table's column gaps either.
    let (text, table_row) = if super::is_folded(body) {
        (body, false)
    } else {
        folded.clear();
        super::push_folded_space(folded, body);
        (folded.as_str(), column_gaps(body) >= TABLE_ROW_GAPS)
    };
    let text = text.trim_end();
    if text.is_empty() {
        return None;
    }
    Some(RawBlock {
        text: super::nfc(text).into_owned(),
        first_line: line,
        last_line: line,
        indent,
        bullet,
        table_row,
        ..RawBlock::default()
    })
}

/// Text renderers set a table's cells apart with runs of spaces or a tab: a line with this many
/// such gaps (three cells) is a table's row.
const TABLE_ROW_GAPS: usize = 2;

/// How many times two or more spaces, or a tab, stand between the words of a line; not after
/// a sentence's end, where some writers type two spaces.
fn column_gaps(body: &str) -> usize {
    let mut gaps = 0;
    let mut spaces = 0;
    let mut tab = false;
    let mut before = b' ';
    for byte in body.trim_end().bytes() {
        match byte {
            b' ' => spaces += 1,
            b'\t' => tab = true,
            _ => {
                let gap = spaces >= 2 || tab;
                gaps += usize::from(gap && !matches!(before, b'.' | b'!' | b'?'));
                spaces = 0;
                tab = false;
                before = byte;
            }
        }
    }
    gaps
}

/// Removes a leading bullet; `o` counts as one only on indented lines, where text renderers put it.
fn strip_bullet(body: &str, indented: bool) -> (&str, bool) {
    let mut chars = body.chars();
    let Some(first) = chars.next() else {
        return (body, false);
    };
    let is_bullet = BULLETS.contains(&first) || (indented && first == 'o');
    let rest = chars.as_str();
    if is_bullet && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        (rest.trim_start(), true)
    } else {
        (body, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_non_blank_line_with_line_numbers() {
        let blocks = blocks("Title\n\n  • Menu item\r\n   o Sub item\n*\nBody text.");
        let got: Vec<(&str, u32, bool, usize)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.first_line, b.bullet, b.indent))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Title", 1, false, 0),
                ("Menu item", 3, true, 2),
                ("Sub item", 4, true, 3),
                ("Body text.", 6, false, 0)
            ]
        );
    }

    #[test]
    fn a_line_of_three_cells_apart_is_a_table_row() {
        let rows = |text: &str| blocks(text).iter().map(|b| b.table_row).collect::<Vec<_>>();
        assert_eq!(
            rows(
                "  Jahr    2018   2019\nPunkte\t1,4\t4,6\nOne sentence.  Another.  A third.\nA b c"
            ),
            [true, true, false, false]
        );
    }

    #[test]
    fn a_dash_opening_a_word_is_not_a_bullet() {
        assert_eq!(blocks("-5 degrees")[0].text, "-5 degrees");
        assert_eq!(blocks("oh well")[0].text, "oh well");
    }
}
