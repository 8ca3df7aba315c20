//! Peak memory while cleaning a page, measured with a counting allocator: at most four times
//! the page's size on real pages (issue target), checked on the largest dev pages.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// One measurement at a time: the counters are global.
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

/// Bytes allocated at the peak of `f`, above what was live before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let _one = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn cleaning_a_page_peaks_under_four_times_its_size() {
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
