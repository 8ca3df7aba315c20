//! The Hamming index at 10k, 100k and 1M fingerprints (insert, and queries within 3 bits), the
//! MinHash index at 10k and 100k signatures (insert, and queries at Jaccard 0.5), and same-story
//! clustering of 10k and 40k stories.
//!
//! `cargo bench --bench index`

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A reproducible stream of 64-bit values (SplitMix64).
fn random(n: usize, seed: u64) -> Vec<u64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("hamming index k=3");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let hashes = random(n, 7);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("insert", n), &hashes, |b, hashes| {
            b.iter(|| {
                let mut index = chaff::HammingIndex::new(3);
                hashes.iter().for_each(|&h| {
                    index.insert(h);
                });
                index.len()
            })
        });
        let mut index = chaff::HammingIndex::new(3);
        hashes.iter().for_each(|&h| {
            index.insert(h);
        });
        // Half the queries sit within 3 bits of a stored fingerprint, half are fresh.
        let flips = random(10_000, 11);
        let queries: Vec<u64> = flips
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i % 2 == 0 {
                    hashes[i % n] ^ (1 << (f % 64)) ^ (1 << ((f >> 8) % 64))
                } else {
                    *f
                }
            })
            .collect();
        group.throughput(Throughput::Elements(queries.len() as u64));
        let query_all = |index: &chaff::HammingIndex| {
            queries
                .iter()
                .map(|&q| black_box(index.query(q)).len())
                .sum::<usize>()
        };
        group.bench_function(BenchmarkId::new("query", n), |b| {
            b.iter(|| query_all(&index))
        });
        // Loaded in bulk, then merged into one level: each table probed once.
        index.compact();
        group.bench_function(BenchmarkId::new("query after compact", n), |b| {
            b.iter(|| query_all(&index))
        });
    }
    group.finish();

    // MinHash signatures of random 200-shingle sets; half the queries are a stored set with a
    // tenth of its shingles replaced (Jaccard about 0.8), half are fresh.
    let mut group = c.benchmark_group("minhash index J>=0.5");
    group.sample_size(10);
    let set = |seed: u64| random(200, seed);
    let signature = |shingles: Vec<u64>| chaff::minhash::MinHash::from_shingles(shingles);
    let filled = |signatures: &[chaff::minhash::MinHash]| {
        let mut index = chaff::minhash::MinHashIndex::new(0.5);
        signatures.iter().cloned().for_each(|s| {
            index.insert(s);
        });
        index
    };
    for n in [10_000usize, 100_000] {
        let signatures: Vec<_> = (0..n as u64).map(|i| signature(set(i))).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("insert", n),
            &signatures,
            |b, signatures| b.iter(|| filled(signatures).len()),
        );
        let index = filled(&signatures);
        let queries: Vec<_> = (0..1_000u64)
            .map(|i| {
                let mut shingles = set(if i % 2 == 0 {
                    i * 7 % n as u64
                } else {
                    n as u64 + i
                });
                shingles[..20].copy_from_slice(&random(20, u64::MAX - i));
                signature(shingles)
            })
            .collect();
        group.throughput(Throughput::Elements(queries.len() as u64));
        group.bench_function(BenchmarkId::new("query", n), |b| {
            b.iter(|| {
                queries
                    .iter()
                    .map(|q| black_box(index.query(q)).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();

    // 10k and 40k stories: every document, and light rewrites of it (words dropped), to be
    // clustered. The more stories, the more rewrites of each: 40k holds 79 of every document.
    let docs = common::documents();
    let mut group = c.benchmark_group("same-story clustering");
    group.sample_size(10);
    for n in [10_000usize, 40_000] {
        let mut stories = Vec::with_capacity(n);
        'fill: for round in 0.. {
            for (d, doc) in docs.iter().enumerate() {
                if stories.len() == n {
                    break 'fill;
                }
                let words: Vec<&str> = doc.split_whitespace().collect();
                let kept: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + round + d) % 17 != 0)
                    .map(|(_, w)| *w)
                    .collect();
                stories.push(chaff::Fingerprint::new(None, &kept.join(" "), None));
            }
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("insert and cluster stories", n), |b| {
            b.iter(|| {
                let mut index = chaff::StoryIndex::new();
                stories.iter().cloned().for_each(|f| {
                    index.insert_fingerprint(f);
                });
                index.clusters().len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
