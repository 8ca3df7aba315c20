#![no_main]
//! Any bytes as an HTML page: never a panic; every block within the input's lines.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = chaff::clean_html(data) {
        for block in &page.blocks {
            assert!(block.lines.first <= block.lines.last);
        }
    }
});
