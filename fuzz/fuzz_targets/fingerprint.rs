#![no_main]
//! Any text as a story's title, text and date: fingerprints are deterministic and well formed.

use chaff::fingerprint::{hamming, shingles, simhash, words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\u{1}');
    let (title, body, date) = (parts.next(), parts.next().unwrap_or(""), parts.next());
    let a = chaff::Fingerprint::new(title, body, date);
    let b = chaff::Fingerprint::new(title, body, date);
    assert_eq!(a, b);
    assert_eq!(hamming(simhash(body), simhash(body)), 0);
    let n = data.first().map_or(3, |&b| usize::from(b % 8));
    let shingle_count = shingles(body, n).len();
    let word_count = words(body).len();
    assert!(shingle_count <= word_count.max(1));
});
