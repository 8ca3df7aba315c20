//! Fingerprinting throughput (simhash, salient features, MinHash) beside the crates.io `simhash`
//! crate over the same documents.
//!
//! `cargo bench --bench fingerprint`

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let docs = common::documents();
    let mut group = c.benchmark_group("fingerprint");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("simhash crate (baseline)", |b| {
        b.iter(|| docs.iter().fold(0, |a, d| a ^ simhash::simhash(d)))
    });
    group.bench_function("chaff::fingerprint::simhash", |b| {
        b.iter(|| {
            docs.iter()
                .fold(0, |a, d| a ^ chaff::fingerprint::simhash(d))
        })
    });
    group.bench_function(
        "chaff::Fingerprint::new (simhash and salient features)",
        |b| {
            b.iter(|| {
                docs.iter()
                    .fold(0, |a, d| a ^ chaff::Fingerprint::new(None, d, None).simhash)
            })
        },
    );
    group.bench_function("chaff::minhash::MinHash::new (128 slots)", |b| {
        b.iter(|| {
            docs.iter()
                .fold(0, |a, d| a ^ chaff::minhash::MinHash::new(d).slots()[0])
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
