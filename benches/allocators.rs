//! Criterion benchmarks of the allocator strategies on the allocation patterns.
//!
//! Every pattern is a trace replayed on a warm allocator of each strategy (the steady
//! state of a long-running program), bare: without statistics, so only the allocator
//! is timed. Throughput is in allocator calls, so criterion's "elements/s" is calls per
//! second. The rivals run in the same benchmark: `system` is the baseline and
//! `mimalloc` the production allocator to beat; `pymalloc-keep-64` is pymalloc keeping
//! 64 empty arenas mapped instead of CPython's one. `trace_replay` measures replaying a
//! recorded trace from its encoded bytes, decoding included.
//!
//! Run: `cargo bench --bench allocators` (or `-- churn` for one group).

use allocator::pattern::Pattern;
use allocator::trace::{self, Trace};
use allocator::{Kind, Tuning, Uncounted};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Allocations per pattern: large enough to leave the caches on `bulk`, small enough
/// that a sample takes milliseconds.
const ALLOCATIONS: usize = 100_000;

/// Every strategy with its defaults, plus pymalloc keeping 64 empty arenas mapped: with
/// CPython's policy (one) a heap that empties and refills maps and unmaps arenas, and
/// pays a page fault per page, on every round.
fn strategies() -> Vec<(String, Kind, Tuning)> {
    let mut all: Vec<_> = Kind::ALL
        .into_iter()
        .map(|kind| (kind.name().to_string(), kind, Tuning::default()))
        .collect();
    let mut keep = Tuning::default();
    keep.pymalloc.keep_empty_arenas = 64;
    all.push(("pymalloc-keep-64".to_string(), Kind::Pymalloc, keep));
    all
}

fn patterns(c: &mut Criterion) {
    for pattern in Pattern::ALL {
        let trace = pattern.trace(ALLOCATIONS, 42);
        let mut group = c.benchmark_group(pattern.name());
        group.throughput(Throughput::Elements(trace.len() as u64));
        group.sample_size(20);
        for (name, kind, tuning) in strategies() {
            let mut a = Uncounted(kind.build_raw(&tuning).expect("valid settings"));
            group.bench_function(BenchmarkId::from_parameter(name), |b| {
                b.iter(|| {
                    trace::replay(&trace, &a).expect("replay");
                    // Every block was freed by the replay.
                    a.reset();
                })
            });
        }
        group.finish();
    }
}

fn trace_replay(c: &mut Criterion) {
    let bytes = Pattern::Random.trace(ALLOCATIONS, 7).encode();
    let events = Trace::decode(&bytes).expect("valid trace").len();
    let mut group = c.benchmark_group("trace_replay");
    group.throughput(Throughput::Elements(events as u64));
    group.sample_size(20);
    for kind in [Kind::System, Kind::Pymalloc, Kind::Mimalloc] {
        let a = Uncounted(kind.build_raw(&Tuning::default()).expect("defaults"));
        group.bench_function(BenchmarkId::from_parameter(kind), |b| {
            b.iter(|| {
                let trace = Trace::decode(&bytes).expect("valid trace");
                trace::replay(&trace, &a).expect("replay")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, patterns, trace_replay);
criterion_main!(benches);
