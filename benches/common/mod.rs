//! Pages for the benchmarks: the sample pages, plus the dev sets in ../shared/data when present.
#![allow(dead_code)] // each bench uses part of this

fn sample_pages(ext: &str) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pages");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    out.sort();
    out
}

#[path = "../../tests/common/mod.rs"]
mod data;

/// A field of every row of a gzipped JSON-lines file under ../shared/data; empty when absent.
pub fn shared_rows(file: &str, field: &str) -> Vec<String> {
    let rows = data::shared_rows(file).unwrap_or_default();
    rows.iter()
        .filter_map(|row| row[field].as_str().map(str::to_string))
        .collect()
}

/// HTML pages: the samples and scrapinghub-dev.
pub fn html_pages() -> Vec<String> {
    let mut pages = sample_pages("html");
    pages.extend(shared_rows("extract/scrapinghub-dev.html.jsonl.gz", "html"));
    pages
}

/// Scraped-text pages: the samples and scrapinghub-dev's text form.
pub fn text_pages() -> Vec<String> {
    let mut pages = sample_pages("txt");
    pages.extend(shared_rows("extract/scrapinghub-dev.text.jsonl.gz", "text"));
    pages
}

/// News documents for fingerprinting: ECB+ dev, else the sample pages' stories.
pub fn documents() -> Vec<String> {
    let docs = shared_rows("stories/ecbplus-dev.jsonl.gz", "text");
    if !docs.is_empty() {
        return docs;
    }
    text_pages()
        .iter()
        .flat_map(|p| chaff::clean_text(p).stories)
        .map(|s| s.text)
        .collect()
}

pub fn bytes(pages: &[String]) -> u64 {
    pages.iter().map(|p| p.len() as u64).sum()
}
