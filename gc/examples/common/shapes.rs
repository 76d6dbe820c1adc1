//! The heap shapes the collector is measured on, built exactly as
//! `experiments/collector/cpython_full_collection.py` builds them in CPython (same
//! shapes, same allocation order), shared by `gc/examples/full_collection.rs` and
//! `benches/collector.rs` so the two cannot drift apart.

use std::borrow::Cow;
use std::cell::RefCell;

use allocator_api2::vec::Vec as HVec;
use gc::{Heap, HeapAlloc, ObjRef, Trace, Tracer, Type};

/// A list: its items live in the heap's allocator.
pub struct List {
    pub items: RefCell<HVec<ObjRef, HeapAlloc>>,
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

pub fn list(heap: &Heap, ty: Type<List>) -> ObjRef {
    let items = RefCell::new(HVec::new_in(HeapAlloc::new()));
    heap.alloc(ty, List { items }).expect("memory").into_obj()
}

/// `[a, b, ...]`: a list display, its item array exactly as long as its items (as
/// CPython's `BUILD_LIST` makes it).
pub fn display(heap: &Heap, ty: Type<List>, items: &[ObjRef]) -> ObjRef {
    let mut vec = HVec::with_capacity_in(items.len(), HeapAlloc::new());
    vec.extend(items.iter().cloned());
    let items = RefCell::new(vec);
    heap.alloc(ty, List { items }).expect("memory").into_obj()
}

pub fn push(to: &ObjRef, item: ObjRef) {
    to.downcast::<List>().unwrap().items.borrow_mut().push(item);
}

/// `[[] for _ in range(n - 1)]`: the list first.
pub fn flat(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
    let root = list(heap, ty);
    for _ in 0..n - 1 {
        push(&root, list(heap, ty));
    }
    root
}

/// A binary tree of about `n` lists `[left, right]` (list displays: two-slot item
/// arrays, as in CPython), built bottom-up; the list of the last level is made last, as
/// the Python script's `nxt + level[...]` is.
pub fn tree(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
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
            next.push(display(heap, ty, &[a, b]));
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
pub fn random(heap: &Heap, ty: Type<List>, n: usize) -> ObjRef {
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

/// Builds a heap shape of about `n` objects and returns its root.
pub type Build = fn(&Heap, Type<List>, usize) -> ObjRef;

/// The shapes, by name.
pub const SHAPES: [(&str, Build); 3] = [("flat", flat), ("tree", tree), ("random", random)];
