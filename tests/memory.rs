//! Memory measured with a counting allocator: peak memory while cleaning a page is at most four
//! times the page's size on the largest dev pages, and the Hamming index holds a million
//! fingerprints in at most 32 bytes each (issue targets).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// One test at a time: the counters are global, and another test's allocations would count.
static MEASURING: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: forwards to the system allocator with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What `f` returns, the bytes allocated at its peak and the bytes still held after it, both
/// above what was live before it.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let held = CURRENT.load(Ordering::Relaxed) - before;
    (out, PEAK.load(Ordering::Relaxed) - before, held)
}

fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (out, peak, _) = measure(f);
    (out, peak)
}

#[test]
fn hamming_index_holds_a_million_fingerprints_in_32_bytes_each() {
    let _alone = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    const N: usize = 1_000_000;
    let (index, peak, held) = measure(|| {
        let mut index = chaff::HammingIndex::new(3);
        let mut state = 0u64;
        for _ in 0..N {
            // SplitMix64: well-spread fingerprints, as simhashes of different pages are.
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let z = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            index.insert(z ^ (z >> 31));
        }
        index
    });
    assert_eq!(index.len(), N);
    let (per_fingerprint, peak_per) = (held as f64 / N as f64, peak as f64 / N as f64);
    println!(
        "Hamming index k=3, {N} fingerprints: {per_fingerprint:.1} bytes each held, {peak_per:.1} at the peak"
    );
    assert!(
        per_fingerprint <= 32.0,
        "{per_fingerprint:.1} bytes per fingerprint"
    );
}

#[test]
fn minhash_index_holds_a_signature_in_under_two_kilobytes() {
    let _alone = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    const N: usize = 20_000;
    let signatures: Vec<chaff::minhash::MinHash> = (0..N as u64)
        .map(|i| chaff::minhash::MinHash::from_shingles((0..50).map(|j| i << 8 | j)))
        .collect();
    let (index, _, held) = measure(|| {
        let mut index = chaff::minhash::MinHashIndex::new(0.5);
        for signature in &signatures {
            index.insert(signature.clone());
        }
        index
    });
    assert_eq!(index.len(), N);
    let per_signature = held as f64 / N as f64;
    let (bands, _) = index.bands();
    // The signature's 512 bytes, and per band a map entry and a link.
    println!(
        "MinHash index at Jaccard 0.5 ({bands} bands), {N} signatures: {per_signature:.0} bytes each held"
    );
    assert!(
        per_signature <= 2048.0,
        "{per_signature:.0} bytes per signature"
    );
}

#[test]
fn cleaning_a_page_peaks_under_four_times_its_size() {
    let _alone = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let mut worst = 0.0f64;
    for (file, field) in [
        ("scrapinghub-dev.html.jsonl.gz", "html"),
        ("trafilatura-dev.html.jsonl.gz", "html"),
    ] {
        let mut pages = common::shared_field(&format!("extract/{file}"), field);
        pages.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for page in pages.iter().take(10) {
            let (result, peak) =
                peak_of(|| chaff::clean_html(page.as_bytes()).map(|p| p.blocks.len()));
            assert!(result.is_ok());
            let ratio = peak as f64 / page.len() as f64;
            assert!(
                ratio <= 4.0,
                "{file}: a page of {} bytes peaked at {peak} bytes ({ratio:.2}x)",
                page.len()
            );
            worst = worst.max(ratio);
        }
    }
    let text_pages = common::shared_field("extract/trafilatura-dev.text.jsonl.gz", "text");
    let longest = text_pages.iter().max_by_key(|p| p.len()).expect("pages");
    let (_, peak) = peak_of(|| chaff::clean_text(longest).blocks.len());
    let ratio = peak as f64 / longest.len() as f64;
    assert!(
        ratio <= 4.0,
        "text page of {} bytes peaked at {peak} bytes ({ratio:.2}x)",
        longest.len()
    );
    println!("peak memory / page size: worst HTML page {worst:.2}x, longest text page {ratio:.2}x");
}
