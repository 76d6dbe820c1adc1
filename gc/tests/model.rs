//! The collector against a plain reachability model, on random object graphs.
//!
//! A graph: nodes (some with finalizers, some of which resurrect themselves), random
//! edges, random roots. The program keeps handles to the roots only. After a full
//! collection the objects still alive must be exactly those reachable from the roots or
//! from a resurrecting node (every unreachable finalizer runs, by refcounting or by the
//! collector); every survivor's refcount must be the references it gets from survivors
//! plus the handles held outside the heap; and once everything is released, the
//! allocator has no byte in use.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use gc::allocator::Kind;
use gc::{Heap, ObjRef, Runtime, Trace, Visit};
use proptest::prelude::*;

struct Node {
    id: usize,
    finalizer: bool,
    resurrect: bool,
    edges: RefCell<Vec<ObjRef>>,
    freed: Rc<RefCell<Vec<usize>>>,
}

impl Trace for Node {
    const GC: bool = true;

    fn traverse(&self, visit: &mut Visit<'_>) {
        visit.visit_all(&self.edges.borrow());
    }

    fn clear(&self) {
        let edges = self.edges.take();
        drop(edges);
    }

    fn has_finalizer(&self) -> bool {
        self.finalizer
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("Node")
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.freed.borrow_mut().push(self.id);
    }
}

#[derive(Default)]
struct Saver {
    saved: RefCell<Vec<ObjRef>>,
    finalized: RefCell<Vec<usize>>,
}

impl Runtime for Saver {
    fn finalize(&self, obj: &ObjRef) {
        let node = obj.downcast::<Node>().unwrap();
        self.finalized.borrow_mut().push(node.id);
        if node.resurrect {
            self.saved.borrow_mut().push(obj.clone());
        }
    }
}

#[derive(Clone, Debug)]
struct Graph {
    nodes: Vec<(bool, bool)>, // (finalizer, resurrect)
    edges: Vec<(usize, usize)>,
    roots: Vec<usize>,
}

fn graph() -> impl Strategy<Value = Graph> {
    (1usize..40).prop_flat_map(|n| {
        let node = (any::<bool>(), any::<bool>()).prop_map(|(f, r)| (f, f && r));
        (
            prop::collection::vec(node, n),
            prop::collection::vec((0..n, 0..n), 0..n * 3),
            prop::collection::vec(0..n, 0..4),
        )
            .prop_map(|(nodes, edges, roots)| Graph {
                nodes,
                edges,
                roots,
            })
    })
}

fn reachable(g: &Graph, from: impl IntoIterator<Item = usize>) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<usize> = from.into_iter().collect();
    while let Some(v) = stack.pop() {
        if seen.insert(v) {
            stack.extend(g.edges.iter().filter(|e| e.0 == v).map(|e| e.1));
        }
    }
    seen
}

/// Every object alive, by id, found from the given handles (each map entry adds one).
fn alive_by_id(from: &[ObjRef]) -> HashMap<usize, ObjRef> {
    let mut found = HashMap::new();
    let mut stack: Vec<ObjRef> = from.to_vec();
    while let Some(obj) = stack.pop() {
        let node = obj.downcast::<Node>().unwrap();
        if found.contains_key(&node.id) {
            continue;
        }
        stack.extend(node.edges.borrow().iter().cloned());
        found.insert(node.id, obj);
    }
    found
}

fn check(g: &Graph, kind: Kind) {
    let heap = Heap::new(kind).unwrap();
    let rt = Rc::new(Saver::default());
    heap.set_runtime(rt.clone());
    heap.set_enabled(false);
    let ty = heap.register::<Node>();
    let freed = Rc::new(RefCell::new(Vec::new()));
    let handles: Vec<ObjRef> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(id, &(finalizer, resurrect))| {
            heap.alloc(
                ty,
                Node {
                    id,
                    finalizer,
                    resurrect,
                    edges: RefCell::new(Vec::new()),
                    freed: freed.clone(),
                },
            )
            .unwrap()
            .into_obj()
        })
        .collect();
    for &(a, b) in &g.edges {
        handles[a]
            .downcast::<Node>()
            .unwrap()
            .edges
            .borrow_mut()
            .push(handles[b].clone());
    }
    let roots: Vec<ObjRef> = g.roots.iter().map(|&r| handles[r].clone()).collect();
    drop(handles);

    heap.collect(2).unwrap();

    let resurrecting = (0..g.nodes.len()).filter(|&i| g.nodes[i].1);
    let from_roots = reachable(g, g.roots.iter().copied());
    let expected = reachable(
        g,
        g.roots
            .iter()
            .copied()
            .chain(resurrecting.filter(|i| !from_roots.contains(i))),
    );
    let all: BTreeSet<usize> = (0..g.nodes.len()).collect();
    let freed_now: BTreeSet<usize> = freed.borrow().iter().copied().collect();
    assert_eq!(
        freed.borrow().len(),
        freed_now.len(),
        "an object was freed twice"
    );
    let alive: BTreeSet<usize> = all.difference(&freed_now).copied().collect();
    assert_eq!(
        alive, expected,
        "alive after collect != reachable in the model"
    );
    assert_eq!(heap.live_objects(), expected.len());

    // Refcounts: references from survivors, plus outside handles (roots, saved, and the
    // map's own handle).
    let outside: Vec<ObjRef> = roots
        .iter()
        .chain(rt.saved.borrow().iter())
        .cloned()
        .collect();
    let map = alive_by_id(&outside);
    assert_eq!(map.keys().copied().collect::<BTreeSet<_>>(), expected);
    for (&id, obj) in &map {
        let from_survivors = g
            .edges
            .iter()
            .filter(|&&(a, b)| b == id && expected.contains(&a))
            .count();
        // Each outside handle is counted twice: the root or saved handle, and its clone
        // in `outside`.
        let handles = outside.iter().filter(|h| h.is(obj)).count() * 2;
        let expected_rc = from_survivors + handles + 1; // + the map's handle
        assert_eq!(
            obj.refcount() as usize,
            expected_rc,
            "refcount of node {id}"
        );
    }
    drop(map);
    drop(outside);

    // A second collection finds nothing more.
    assert_eq!(heap.collect(2), Ok(0));

    // Release everything; finalizers left to run may resurrect once more.
    drop(roots);
    loop {
        // Take the handles out first: dropping them runs finalizers that may save more.
        let saved = rt.saved.take();
        drop(saved);
        heap.collect(2).unwrap();
        if rt.saved.borrow().is_empty() {
            break;
        }
    }
    assert_eq!(heap.live_objects(), 0);
    let finalized = rt.finalized.borrow();
    let once: BTreeSet<usize> = finalized.iter().copied().collect();
    assert_eq!(once.len(), finalized.len(), "a finalizer ran twice");
    assert_eq!(heap.allocator_stats().in_use_bytes, 0);
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn collection_frees_exactly_the_unreachable(g in graph()) {
        check(&g, Kind::Pymalloc);
    }

    #[test]
    fn collection_frees_exactly_the_unreachable_on_system_malloc(g in graph()) {
        check(&g, Kind::System);
    }
}
