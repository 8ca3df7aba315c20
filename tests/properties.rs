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

/// Article-like pages: paragraphs of real sentences, titles, menu lines, cues and blank lines.
fn article() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "the", "council", "met", "on", "Tuesday", "and", "agreed", "to", "rebuild", "harbour",
        "wall", "before", "winter", "storms", "of", "a", "in", "was", "it", "le", "conseil", "a",
        "voté", "pour", "la", "digue",
    ]);
    let sentence = prop::collection::vec(words, 6..20).prop_map(|w| format!("{}.", w.join(" ")));
    let line = prop_oneof![
        4 => prop::collection::vec(sentence, 1..5).prop_map(|s| s.join(" ")),
        1 => "[A-Z][a-z]{2,9}( [a-z]{2,9}){2,8}",
        1 => "  • [A-Z][a-z]{2,8}",
        1 => Just("Read more: Storm damage counted in the capital".to_string()),
        1 => Just(String::new()),
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
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

    /// Cleaned stories, headlines over their text, clean to the same text: nothing is lost in a
    /// second pass. (The headline goes with the text: a short item is a story for its
    /// headline, and its lines alone may be no story at all.)
    #[test]
    fn cleaning_the_cleaned_stories_gives_their_text_back(text in article()) {
        let once = chaff::clean_text(&text);
        let cleaned: String = once
            .stories
            .iter()
            .map(|story| match &story.title {
                Some(title) => format!("{title}\n{}\n\n", story.text),
                None => format!("{}\n\n", story.text),
            })
            .collect();
        let twice = chaff::clean_text(&cleaned);
        prop_assert_eq!(twice.text(), once.text(), "from {:?}", cleaned);
    }

    #[test]
    fn html_blocks_lie_in_the_input_in_order(text in article()) {
        let html: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
        let page = chaff::clean_html(html.as_bytes()).expect("text is not binary");
        let lines = html.lines().count() as u32;
        let mut previous = chaff::Lines { first: 1, last: 1 };
        for block in &page.blocks {
            prop_assert!(block.lines.first <= block.lines.last && block.lines.last <= lines.max(1));
            prop_assert!(block.lines.first >= previous.last);
            previous = block.lines;
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Inserts, removes, compactions and queries in any order: the index answers exactly as
    /// a scan does.
    #[test]
    fn hamming_index_equals_brute_force(
        k in 0u32..=8,
        base in any::<u64>(),
        ops in prop::collection::vec((0u8..4, any::<u64>(), 0usize..64), 1..400),
    ) {
        use chaff::fingerprint::hamming;
        let mut index = chaff::HammingIndex::new(k);
        let mut alive: Vec<Option<u64>> = Vec::new();
        for (op, bits, pick) in ops {
            // Fingerprints near `base` (few random bits flipped) so that answers are not all empty.
            let near = base ^ (bits & bits.rotate_left(17) & bits.rotate_left(31));
            match op {
                0 => {
                    let id = index.insert(near);
                    prop_assert_eq!(id, alive.len());
                    alive.push(Some(near));
                }
                1 if !alive.is_empty() => {
                    let id = pick % alive.len();
                    prop_assert_eq!(index.remove(id), alive[id].take().is_some());
                }
                3 if pick % 8 == 0 => index.compact(),
                _ => {
                    // Half the queries are a stored fingerprint with up to k + 1 bits flipped.
                    let stored = alive.get(pick % alive.len().max(1)).copied().flatten();
                    let query = match stored {
                        Some(stored) if bits & 1 == 0 => (0..(bits >> 1) % u64::from(k + 2))
                            .fold(stored, |h, i| h ^ 1 << ((bits >> (8 + 6 * i)) % 64)),
                        _ => near,
                    };
                    let want: Vec<(usize, u32)> = alive
                        .iter()
                        .enumerate()
                        .filter_map(|(id, h)| h.map(|h| (id, hamming(h, query))))
                        .filter(|&(_, d)| d <= k)
                        .collect();
                    prop_assert_eq!(index.query(query), want);
                }
            }
            prop_assert_eq!(index.len(), alive.iter().flatten().count());
        }
    }

    /// Inserts, removes and queries in any order: the MinHash index answers exactly the stored
    /// signatures that agree with the query on a whole band and whose estimate reaches the
    /// threshold, most similar first.
    #[test]
    fn minhash_index_equals_its_definition_by_brute_force(
        threshold in 0.05f32..=1.0,
        ops in prop::collection::vec(
            (0u8..3, prop::collection::btree_set(0u64..48, 0..24), 0usize..64),
            1..120,
        ),
    ) {
        use chaff::minhash::{MinHash, MinHashIndex};
        let mut index = MinHashIndex::new(threshold);
        let (bands, rows) = index.bands();
        let mut alive: Vec<Option<MinHash>> = Vec::new();
        for (op, set, pick) in ops {
            // Sets drawn from few elements overlap often; elements are spread over 64 bits.
            let signature = MinHash::from_shingles(set.iter().map(|&x| x.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
            match op {
                0 => {
                    prop_assert_eq!(index.insert(signature.clone()), alive.len());
                    alive.push(Some(signature));
                }
                1 if !alive.is_empty() => {
                    let id = pick % alive.len();
                    prop_assert_eq!(index.remove(id), alive[id].take().is_some());
                }
                _ => {
                    let shares_a_band = |stored: &MinHash| {
                        stored.slots().chunks(rows).zip(signature.slots().chunks(rows))
                            .take(bands)
                            .any(|(x, y)| x == y)
                    };
                    let mut want: Vec<(usize, f32)> = alive
                        .iter()
                        .enumerate()
                        .filter_map(|(id, stored)| stored.as_ref().map(|s| (id, s)))
                        .filter(|(_, stored)| shares_a_band(stored))
                        .map(|(id, stored)| (id, signature.jaccard(stored)))
                        .filter(|&(_, similarity)| similarity >= threshold)
                        .collect();
                    want.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    prop_assert_eq!(index.query(&signature), want);
                }
            }
            prop_assert_eq!(index.len(), alive.iter().flatten().count());
        }
    }
}
