//! heaplab's side of `experiments/collector/cpython_full_collection.py`: the same heap
//! shapes, built in the same order, and the best of `REPEAT` full collections, in ns per
//! tracked object, one JSON line per shape.
//!
//! `cargo run --release -p gc --example full_collection -- 1000000 5 [flat|tree|random]`

use std::borrow::Cow;
use std::cell::RefCell;
use std::time::Instant;

use allocator_api2::vec::Vec as HVec;
use gc::allocator::Kind;
use gc::{Heap, HeapAlloc, ObjRef, Trace, Tracer, Type};

/// A list: its items live in the heap's allocator.
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

fn list(heap: &Heap, ty: Type<List>) -> ObjRef {
    let items = RefCell::new(HVec::new_in(HeapAlloc::new()));
    heap.alloc(ty, List { items }).expect("memory").into_obj()
}

fn push(to: &ObjRef, item: ObjRef) {
    to.downcast::<List>().unwrap().items.borrow_mut().push(item);
}

/// `[[] for _ in range(n - 1)]`: the list first.
fn flat(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let root = list(heap, ty);
    for _ in 0..n - 1 {
        push(&root, list(heap, ty));
    }
    root
}

/// A binary tree of about `n` lists `[left, right]`, built bottom-up; the list of the
/// last level is made last, as the Python script's `nxt + level[...]` is.
fn tree(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let mut level: Vec<ObjRef> = (0..n.div_ceil(2)).map(|_| list(heap, ty)).collect();
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
            let node = list(heap, ty);
            push(&node, a);
            push(&node, b);
            next.push(node);
            made += 1;
        }
        next.extend(rest);
        level = next;
    }
    let root = list(heap, ty);
    for node in level {
        push(&root, node);
    }
    root
}

/// The list first, then `n - 1` lists, each given two random others.
fn random(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let root = list(heap, ty);
    let nodes: Vec<ObjRef> = (0..n - 1).map(|_| list(heap, ty)).collect();
    let mut state = 42u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % nodes.len() as u64) as usize
    };
    for node in &nodes {
        push(node, nodes[next()].clone());
        push(node, nodes[next()].clone());
    }
    for node in nodes {
        push(&root, node);
    }
    root
}

type Build = fn(&Heap, Type<List>, usize) -> ObjRef;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let only = args.next();
    let shapes: [(&str, Build); 3] = [("flat", flat), ("tree", tree), ("random", random)];
    for (name, build) in shapes {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let heap = Heap::new(Kind::Pymalloc).expect("heap");
        heap.set_enabled(false);
        let ty = heap.register::<List>();
        let root = build(&heap, ty, n);
        heap.collect(2).unwrap();
        let tracked = heap.objects(None).len();
        let best = (0..repeat)
            .map(|_| {
                let t = Instant::now();
                heap.collect(2).unwrap();
                t.elapsed().as_nanos()
            })
            .min()
            .unwrap_or(0);
        println!(
            "{{\"shape\": \"{name}\", \"tracked\": {tracked}, \"ns_per_object\": {:.2}, \"ms\": {:.3}}}",
            best as f64 / tracked as f64,
            best as f64 / 1e6
        );
        drop(root);
        drop(heap);
    }
}
