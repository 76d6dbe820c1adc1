//! Criterion benchmarks of the cycle collector: a full collection of a live heap, in ns
//! per tracked object, for the heaps of `gc/examples/common/shapes.rs` (flat lists,
//! trees built children first, random graphs — built as CPython's
//! `experiments/collector/cpython_full_collection.py` builds them); refcount-only churn;
//! and collecting garbage cycles.
//!
//! Run: `cargo bench --bench collector`. CPython's figures for the same shapes:
//! `python3 experiments/collector/cpython_full_collection.py 1000000`.

#[path = "../gc/examples/common/shapes.rs"]
mod shapes;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use gc::allocator::Kind;
use gc::Heap;
use shapes::{list, push, List, SHAPES};

fn full_collection(c: &mut Criterion) {
    let mut group = c.benchmark_group("full_collection");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        for (name, build) in SHAPES {
            let heap = Heap::new(Kind::Pymalloc).expect("heap");
            heap.set_enabled(false);
            let ty = heap.register::<List>();
            let root = build(&heap, ty, n);
            heap.collect(2).unwrap();
            let tracked = heap.objects(None).len();
            group.throughput(Throughput::Elements(tracked as u64));
            group.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| heap.collect(2).unwrap())
            });
            drop(root);
            drop(heap);
        }
    }
    group.finish();
}

fn garbage_cycles(c: &mut Criterion) {
    let mut group = c.benchmark_group("garbage_cycles");
    group.sample_size(10);
    let heap = Heap::new(Kind::Pymalloc).expect("heap");
    heap.set_enabled(false);
    let ty = heap.register::<List>();
    let n = 100_000;
    group.throughput(Throughput::Elements(2 * n as u64));
    group.bench_function("collect_100k_two_object_cycles", |b| {
        b.iter_batched(
            || {
                for _ in 0..n {
                    let a = list(&heap, ty);
                    let b = list(&heap, ty);
                    push(&b, a.clone());
                    push(&a, b);
                }
            },
            |()| heap.collect(2).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn refcount_churn(c: &mut Criterion) {
    let mut group = c.benchmark_group("refcount_churn");
    let heap = Heap::new(Kind::Pymalloc).expect("heap");
    heap.set_enabled(false);
    let ty = heap.register::<List>();
    let keep = list(&heap, ty);
    group.throughput(Throughput::Elements(1000));
    group.bench_function("alloc_clone_drop_1000", |b| {
        b.iter(|| {
            for _ in 0..1000 {
                let x = list(&heap, ty);
                push(&x, keep.clone());
                let y = x.clone();
                drop(x);
                drop(y);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, full_collection, garbage_cycles, refcount_churn);
criterion_main!(benches);
