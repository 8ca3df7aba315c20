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

/// A floor and chaff timed page by page in the same iterations; their times summed over all
/// of criterion's samples.
#[derive(Default)]
struct Paired {
    floor: Cell<Duration>,
    chaff: Cell<Duration>,
}

impl Paired {
    /// Runs `floor` then `chaff` on each page, `iters` times, and returns chaff's time.
    fn time(
        &self,
        iters: u64,
        pages: &[String],
        floor: impl Fn(&str),
        chaff: impl Fn(&str),
    ) -> Duration {
        let mut spent = Duration::ZERO;
        for _ in 0..iters {
            for page in pages {
                let start = Instant::now();
                floor(page);
                self.floor.set(self.floor.get() + start.elapsed());
                let start = Instant::now();
                chaff(page);
                spent += start.elapsed();
            }
        }
        self.chaff.set(self.chaff.get() + spent);
        spent
    }

    /// Prints the ratio, unless criterion's filter left the case out.
    fn print(&self, what: &str, floor: &str) {
        if self.chaff.get().is_zero() {
            return;
        }
        let ratio =
            self.floor.get().as_secs_f64() / self.chaff.get().as_secs_f64().max(f64::MIN_POSITIVE);
        println!("{what} runs at {ratio:.3}x {floor} speed over the same pages and iterations");
    }
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
    let html_pair = Paired::default();
    group.bench_function(
        "chaff::clean_html, paired page by page with the tokenizer",
        |b| {
            b.iter_custom(|iters| {
                html_pair.time(iters, &html, tokenize_only, |p| {
                    drop(black_box(chaff::clean_html(p.as_bytes())))
                })
            })
        },
    );
    group.finish();
    html_pair.print("html/paired: chaff::clean_html", "the tokenizer's");

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
    // Paired as the HTML is: the word pass and the cleaning of each page in the same
    // iterations, for a ratio that the machine's drift between cases does not move.
    let text_pair = Paired::default();
    group.bench_function(
        "chaff::clean_text, paired page by page with the word pass",
        |b| {
            b.iter_custom(|iters| {
                text_pair.time(
                    iters,
                    &text,
                    |p| {
                        black_box(chaff::fingerprint::simhash(p));
                    },
                    |p| drop(black_box(chaff::clean_text(p))),
                )
            })
        },
    );
    group.finish();
    text_pair.print("text/paired: chaff::clean_text", "the word pass's");

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
