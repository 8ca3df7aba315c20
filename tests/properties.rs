//! Invariants that hold for any input.

use proptest::prelude::*;

/// Text made of words, punctuation, bullets and line breaks, like scraped pages.
fn page_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-zÀ-ÿ]{1,12}",
            Just(" ".to_string()),
            Just(". ".to_string()),
            Just("\n".to_string()),
            Just("\n\n  • ".to_string()),
            Just("Lire aussi : ".to_string()),
            Just("© ".to_string()),
        ],
        0..200,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn cleaning_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = chaff::clean_html(&bytes);
        if let Ok(text) = chaff::decode_text(&bytes) {
            let _ = chaff::clean_text(&text);
        }
    }

    #[test]
    fn blocks_lie_in_the_input_in_order_without_overlap(text in page_text()) {
        let page = chaff::clean_text(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        let mut previous = 0;
        for block in &page.blocks {
            prop_assert!(block.lines.first > previous && block.lines.first <= block.lines.last);
            prop_assert!(block.lines.last as usize <= lines.len());
            let line = lines[block.lines.first as usize - 1];
            let folded: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(folded.contains(&block.text), "{:?} not in {:?}", block.text, line);
            previous = block.lines.last;
        }
    }

    #[test]
    fn story_text_is_content_text_in_order(text in page_text()) {
        let page = chaff::clean_text(&text);
        for story in &page.stories {
            let content: Vec<&str> = story.blocks.iter().map(|&i| page.blocks[i].text.as_str()).collect();
            for paragraph in story.text.split('\n').filter(|p| !p.is_empty()) {
                prop_assert!(content.contains(&paragraph));
            }
            prop_assert!(story.blocks.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn simhash_distance_is_symmetric_and_zero_for_equal_text(a in page_text(), b in page_text()) {
        use chaff::fingerprint::{hamming, simhash};
        prop_assert_eq!(hamming(simhash(&a), simhash(&a)), 0);
        prop_assert_eq!(hamming(simhash(&a), simhash(&b)), hamming(simhash(&b), simhash(&a)));
    }
}
