#![no_main]
//! Several pages (split at form feeds; HTML when a page starts with '<'): cleaning, indexing and
//! clustering never panic, and clusters are well formed.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut index = chaff::StoryIndex::new();
    for page in data.split(|&b| b == 0x0C) {
        let cleaned = if page.first() == Some(&b'<') {
            chaff::clean_html(page).ok()
        } else {
            chaff::decode_text(page).ok().map(|text| chaff::clean_text(&text))
        };
        for story in cleaned.iter().flat_map(|p| &p.stories) {
            index.insert(story);
        }
    }
    let mut seen = vec![false; index.len()];
    for cluster in index.clusters() {
        assert!(cluster.members.len() >= 2);
        assert!(cluster.members.windows(2).all(|w| w[0] < w[1]));
        for &m in &cluster.members {
            assert!(m < seen.len() && !seen[m], "a story in two clusters");
            seen[m] = true;
        }
        assert!(cluster.score.is_finite());
    }
    for a in 0..index.len().min(8) {
        let s = index.similarity(a, 0);
        assert!(s.is_finite());
    }
});
