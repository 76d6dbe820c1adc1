//! Criterion benchmarks of the allocator strategies on the allocation patterns.
//!
//! Every pattern is a trace replayed on a warm allocator of each strategy (the steady
//! state of a long-running program), bare: without statistics, so only the allocator
//! is timed. Throughput is in allocator calls, so criterion's "elements/s" is calls per
//! second. The rivals run in the same benchmark: `system` is the baseline and
//! `mimalloc` the production allocator to beat. `trace_replay` measures replaying a
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

fn patterns(c: &mut Criterion) {
    for pattern in Pattern::ALL {
        let trace = pattern.trace(ALLOCATIONS, 42);
        let mut group = c.benchmark_group(pattern.name());
        group.throughput(Throughput::Elements(trace.len() as u64));
        group.sample_size(20);
        for kind in Kind::ALL {
            let mut a = Uncounted(kind.build_raw(&Tuning::default()).expect("defaults"));
            group.bench_function(BenchmarkId::from_parameter(kind), |b| {
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
