#![no_main]
//! Any bytes as scraped text: never a panic; blocks in order, each line's own text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = chaff::decode_text(data) else { return };
    let page = chaff::clean_text(&text);
    let lines = text.split('\n').count() as u32;
    let mut previous = 0;
    for block in &page.blocks {
        assert!(block.lines.first > previous && block.lines.last <= lines);
        previous = block.lines.last;
    }
});
