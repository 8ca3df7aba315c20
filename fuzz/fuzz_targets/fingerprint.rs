#![no_main]
//! Any text as a story's title, text and date: fingerprints are deterministic and well formed,
//! and a MinHash index over its lines finds each line's own signature until it is removed.

use chaff::fingerprint::{hamming, shingles, simhash, words};
use chaff::minhash::{MinHash, MinHashIndex};
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

    let threshold = f32::from(data.last().copied().unwrap_or(0)) / 255.0;
    let mut index = MinHashIndex::new(threshold);
    let signatures: Vec<MinHash> = body.lines().map(MinHash::new).collect();
    for signature in &signatures {
        assert_eq!(signature.jaccard(signature), 1.0);
        assert_eq!(&MinHash::from_slots(*signature.slots()), signature);
        index.insert(signature.clone());
    }
    for (id, signature) in signatures.iter().enumerate() {
        let found = index.query(signature);
        assert!(found.contains(&(id, 1.0)));
        assert!(found.iter().all(|&(_, similarity)| similarity >= threshold.max(0.05)));
        if id % 2 == 0 {
            assert!(index.remove(id));
            assert!(!index.query(signature).iter().any(|&(other, _)| other == id));
        }
    }
    assert_eq!(index.len(), signatures.len() / 2);
});
