#![no_main]
//! Any sequence of inserts, removes, compactions and queries: the index answers exactly as a
//! scan does.

use chaff::HammingIndex;
use chaff::fingerprint::hamming;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&k, ops)) = data.split_first() else { return };
    let k = u32::from(k % 9);
    let mut index = HammingIndex::new(k);
    let mut alive: Vec<Option<u64>> = Vec::new();
    let mut last = 0u64;
    for op in ops.chunks_exact(9) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&op[1..]);
        // Small changes from the previous value keep neighbours close.
        let value = if op[0] & 0x80 == 0 { last ^ u64::from_le_bytes(bytes) & 0x0101_0101_0101_0101 } else { u64::from_le_bytes(bytes) };
        last = value;
        match op[0] % 4 {
            0 => {
                assert_eq!(index.insert(value), alive.len());
                alive.push(Some(value));
            }
            1 if !alive.is_empty() => {
                let id = (value as usize) % alive.len();
                assert_eq!(index.remove(id), alive[id].take().is_some());
            }
            3 if value % 8 == 0 => index.compact(),
            _ => {
                let want: Vec<(usize, u32)> = alive
                    .iter()
                    .enumerate()
                    .filter_map(|(id, h)| h.map(|h| (id, hamming(h, value))))
                    .filter(|&(_, d)| d <= k)
                    .collect();
                assert_eq!(index.query(value), want);
            }
        }
        assert_eq!(index.len(), alive.iter().flatten().count());
    }
});
