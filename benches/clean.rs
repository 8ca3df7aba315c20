//! Cleaning and fingerprinting throughput, with html5ever's tokenizer alone and a memchr line
//! split over the same bytes as floors measured in the same run.
//!
//! `cargo bench --bench clean`; pages: the sample pages, plus ../shared/data when present.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

fn pages(ext: &str) -> Vec<String> {
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

struct Discard;

impl TokenSink for Discard {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        black_box(token);
        TokenSinkResult::Continue
    }
}

fn tokenize_only(html: &str) {
    let tokenizer = Tokenizer::new(Discard, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

fn bench(c: &mut Criterion) {
    let html = pages("html");
    let text = pages("txt");
    let html_bytes: usize = html.iter().map(String::len).sum();
    let text_bytes: usize = text.iter().map(String::len).sum();

    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(html_bytes as u64));
    group.bench_function("html5ever tokenizer only (floor)", |b| {
        b.iter(|| html.iter().for_each(|p| tokenize_only(p)))
    });
    group.bench_function("chaff::clean_html", |b| {
        b.iter(|| {
            html.iter()
                .for_each(|p| drop(black_box(chaff::clean_html(p.as_bytes()))))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("memchr line split (floor)", |b| {
        b.iter(|| {
            text.iter()
                .map(|p| memchr::memchr_iter(b'\n', p.as_bytes()).count())
                .sum::<usize>()
        })
    });
    group.bench_function("chaff::clean_text", |b| {
        b.iter(|| {
            text.iter()
                .for_each(|p| drop(black_box(chaff::clean_text(p))))
        })
    });
    group.finish();

    let stories: Vec<chaff::Story> = text
        .iter()
        .flat_map(|p| chaff::clean_text(p).stories)
        .collect();
    let mut group = c.benchmark_group("fingerprint");
    group.throughput(Throughput::Elements(stories.len() as u64));
    group.bench_function("simhash crate (baseline)", |b| {
        b.iter(|| {
            stories
                .iter()
                .map(|s| simhash::simhash(&s.text))
                .fold(0, |a, h| a ^ h)
        })
    });
    group.bench_function("chaff::Fingerprint::of", |b| {
        b.iter(|| {
            stories
                .iter()
                .map(|s| chaff::Fingerprint::of(s).simhash)
                .fold(0, |a, h| a ^ h)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
