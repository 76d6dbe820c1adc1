//! Criterion benchmarks of the cycle collector: a full collection of a live heap, in ns
//! per tracked object, for heaps shaped as CPython's `experiments/collector/
//! cpython_full_collection.py` builds them (flat lists, trees built children first,
//! random graphs); refcount-only churn; and collecting garbage cycles.
//!
//! Run: `cargo bench --bench collector`. CPython's figures for the same shapes:
//! `python3 experiments/collector/cpython_full_collection.py 1000000`.

use std::borrow::Cow;
use std::cell::RefCell;

use allocator_api2::vec::Vec as HVec;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use gc::allocator::Kind;
use gc::{Heap, HeapAlloc, ObjRef, Trace, Tracer, Type};

/// A list: its items live in the heap's allocator, like the VM's lists.
struct List {
    items: RefCell<HVec<ObjRef, HeapAlloc>>,
}

impl Trace for List {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit_all(&self.items.borrow());
    }

    fn clear(&self) {
        let items = std::mem::replace(
            &mut *self.items.borrow_mut(),
            HVec::new_in(HeapAlloc::new()),
        );
        drop(items);
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("list")
    }
}

fn list(heap: &Heap, ty: Type<List>, items: Vec<ObjRef>) -> ObjRef {
    let mut v = HVec::with_capacity_in(items.len(), HeapAlloc::new());
    v.extend(items);
    heap.alloc(
        ty,
        List {
            items: RefCell::new(v),
        },
    )
    .expect("memory")
    .into_obj()
}

fn push(to: &ObjRef, item: ObjRef) {
    to.downcast::<List>().unwrap().items.borrow_mut().push(item);
}

/// A list of `n - 1` empty lists, the list made first as Python's
/// `[[] for _ in range(n - 1)]` makes it.
fn flat(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let root = list(heap, ty, vec![]);
    for _ in 0..n - 1 {
        push(&root, list(heap, ty, vec![]));
    }
    root
}

/// A binary tree of about `n` nodes, built children first.
fn tree(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let mut level: Vec<ObjRef> = (0..n.div_ceil(2)).map(|_| list(heap, ty, vec![])).collect();
    let mut made = level.len();
    while level.len() > 1 && made < n {
        let mut next = Vec::with_capacity(level.len() / 2 + 1);
        let mut rest = level.into_iter();
        // Pair neighbours; an odd one out goes up a level as it is.
        while let Some(a) = rest.next() {
            let Some(b) = rest.next() else {
                next.push(a);
                break;
            };
            next.push(list(heap, ty, vec![a, b]));
            made += 1;
        }
        next.extend(rest);
        level = next;
    }
    list(heap, ty, level)
}

/// `n - 1` lists, each holding two random others, in a list made first (as the Python
/// script's comprehension makes it).
fn random(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let root = list(heap, ty, vec![]);
    let nodes: Vec<ObjRef> = (0..n - 1).map(|_| list(heap, ty, vec![])).collect();
    let mut state = 42u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % nodes.len() as u64) as usize
    };
    for node in &nodes {
        let (a, b) = (next(), next());
        push(node, nodes[a].clone());
        push(node, nodes[b].clone());
    }
    for node in nodes {
        push(&root, node);
    }
    root
}

/// Builds a heap shape of about `n` objects and returns its root.
type Build = fn(&Heap, Type<List>, usize) -> ObjRef;

fn full_collection(c: &mut Criterion) {
    let mut group = c.benchmark_group("full_collection");
    group.sample_size(10);
    let shapes: [(&str, Build); 3] = [("flat", flat), ("tree", tree), ("random", random)];
    for n in [10_000usize, 100_000, 1_000_000] {
        for (name, build) in shapes {
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
                    let a = list(&heap, ty, vec![]);
                    let b = list(&heap, ty, vec![a.clone()]);
                    a.downcast::<List>().unwrap().items.borrow_mut().push(b);
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
    let keep = list(&heap, ty, vec![]);
    group.throughput(Throughput::Elements(1000));
    group.bench_function("alloc_clone_drop_1000", |b| {
        b.iter(|| {
            for _ in 0..1000 {
                let x = list(&heap, ty, vec![keep.clone()]);
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
