//! Cleaning throughput beside its floors, measured in the same run: html5ever's tokenizer alone
//! over the same HTML, a memchr line split over the same text, and one core against all (with
//! the tokenizer's own one-core and all-core figures as the machine's ceiling).
//!
//! `cargo bench --bench clean`

mod common;

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

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
    let html = common::html_pages();
    let text = common::text_pages();

    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(common::bytes(&html)));
    group.sample_size(10);
    group.bench_function("html5ever tokenizer only (floor)", |b| {
        b.iter(|| html.iter().for_each(|p| tokenize_only(p)))
    });
    group.bench_function("chaff::clean_html", |b| {
        b.iter(|| {
            html.iter()
                .for_each(|p| drop(black_box(chaff::clean_html(p.as_bytes()))))
        })
    });
    // The floor once more, after: on a machine whose speed drifts (a virtual machine losing
    // CPU time to its neighbours), compare with the mean of the two floors around the figure.
    group.bench_function("html5ever tokenizer only (floor, again)", |b| {
        b.iter(|| html.iter().for_each(|p| tokenize_only(p)))
    });
    // Paired: each page tokenized, then cleaned, each timed, in the same iterations, so that
    // the machine's drift falls on both alike. Criterion reports chaff's rate; the ratio to
    // the tokenizer over the very same iterations is printed after.
    let (floor, cleaning) = (Cell::new(Duration::ZERO), Cell::new(Duration::ZERO));
    group.bench_function(
        "chaff::clean_html, paired page by page with the tokenizer",
        |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    for p in &html {
                        let start = Instant::now();
                        tokenize_only(p);
                        floor.set(floor.get() + start.elapsed());
                        let start = Instant::now();
                        drop(black_box(chaff::clean_html(p.as_bytes())));
                        spent += start.elapsed();
                    }
                }
                cleaning.set(cleaning.get() + spent);
                spent
            })
        },
    );
    group.finish();
    println!(
        "html/paired: chaff::clean_html runs at {:.3}x the tokenizer's speed over the same pages and iterations",
        floor.get().as_secs_f64() / cleaning.get().as_secs_f64().max(f64::MIN_POSITIVE)
    );

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(common::bytes(&text)));
    group.sample_size(10);
    group.bench_function("memchr line split (floor)", |b| {
        b.iter(|| {
            text.iter()
                .map(|p| memchr::memchr_iter(b'\n', p.as_bytes()).count())
                .sum::<usize>()
        })
    });
    // What any cleaner that reads words costs: one pass folding and hashing each word (and
    // adding its 64 bits), with nothing classified.
    group.bench_function("word pass: simhash of the same text (floor)", |b| {
        b.iter(|| {
            text.iter()
                .map(|p| chaff::fingerprint::simhash(p))
                .fold(0, |a, h| a ^ h)
        })
    });
    group.bench_function("chaff::clean_text", |b| {
        b.iter(|| {
            text.iter()
                .for_each(|p| drop(black_box(chaff::clean_text(p))))
        })
    });
    group.finish();

    let inputs: Vec<chaff::batch::Input<'_>> = html
        .iter()
        .map(|p| chaff::batch::Input::Html(p.as_bytes()))
        .collect();
    let options = chaff::Options::default();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(common::bytes(&html)));
    group.sample_size(10);
    group.bench_function("clean and fingerprint, one core", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|i| chaff::batch::clean_one(*i, &options).fingerprints.len())
                .sum::<usize>()
        })
    });
    group.bench_function("clean and fingerprint, all cores (clean_batch)", |b| {
        b.iter(|| chaff::batch::clean_batch(&inputs, &options).len())
    });
    // What the machine's cores give a job with no shared state at all, the same pages
    // tokenized on one core and on all: the ceiling for clean_batch's ratio.
    group.bench_function("html5ever tokenizer, one core (ceiling)", |b| {
        b.iter(|| html.iter().for_each(|p| tokenize_only(p)))
    });
    group.bench_function("html5ever tokenizer, all cores (ceiling)", |b| {
        use rayon::prelude::*;
        b.iter(|| {
            html.par_iter()
                .with_max_len(1)
                .for_each(|p| tokenize_only(p))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
