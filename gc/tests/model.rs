//! The collector against a plain reachability model, on random object graphs.
//!
//! A graph: nodes (some with finalizers, some of which resurrect themselves), random
//! edges, random roots, and weak references (held by random nodes, pointing at random
//! nodes, some with callbacks). The program keeps handles to the roots only. After a
//! full collection the objects still alive must be exactly those reachable from the
//! roots or from a resurrecting node (weak references do not keep anything alive; every
//! unreachable finalizer runs, by refcounting or by the collector); every survivor's
//! refcount must be the references it gets from survivors plus the handles held outside
//! the heap; a live weakref must answer its referent exactly when the referent lives;
//! every live weakref whose referent died must have had its callback run once, and no
//! other callback may have run; and once everything is released, the allocator has no
//! byte in use.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use gc::allocator::Kind;
use gc::{Heap, ObjRef, Runtime, Trace, Tracer, WeakKind, WeakRef};
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

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit_all(&self.edges.borrow());
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
    /// Ids of the callback nodes called, one per call.
    called: RefCell<Vec<usize>>,
}

impl Runtime for Saver {
    fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) -> gc::Outcome {
        assert!(weakref.downcast::<WeakRef>().unwrap().is_dead());
        self.called
            .borrow_mut()
            .push(callback.downcast::<Node>().unwrap().id);
        Ok(())
    }

    fn finalize(&self, obj: &ObjRef) -> gc::Outcome {
        let node = obj.downcast::<Node>().unwrap();
        self.finalized.borrow_mut().push(node.id);
        if node.resurrect {
            self.saved.borrow_mut().push(obj.clone());
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
struct Graph {
    nodes: Vec<(bool, bool)>, // (finalizer, resurrect)
    edges: Vec<(usize, usize)>,
    roots: Vec<usize>,
    /// Weakrefs: (holder node, target node, with a callback).
    weak: Vec<(usize, usize, bool)>,
}

fn graph() -> impl Strategy<Value = Graph> {
    (1usize..40).prop_flat_map(|n| {
        let node = (any::<bool>(), any::<bool>()).prop_map(|(f, r)| (f, f && r));
        (
            prop::collection::vec(node, n),
            prop::collection::vec((0..n, 0..n), 0..n * 3),
            prop::collection::vec(0..n, 0..4),
            prop::collection::vec((0..n, 0..n, any::<bool>()), 0..n),
        )
            .prop_map(|(nodes, edges, roots, weak)| Graph {
                nodes,
                edges,
                roots,
                weak,
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
        let Some(node) = obj.downcast::<Node>() else {
            continue; // a weakref
        };
        if found.contains_key(&node.id) {
            continue;
        }
        stack.extend(node.edges.borrow().iter().cloned());
        found.insert(node.id, obj);
    }
    found
}

/// Run `check_on_this_thread` on a fresh thread: a failing case must not leave its
/// heap behind for the cases proptest tries next.
fn check(g: &Graph, kind: Kind) {
    let g = g.clone();
    let outcome = std::thread::spawn(move || check_on_this_thread(&g, kind)).join();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

fn check_on_this_thread(g: &Graph, kind: Kind) {
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
    // Weakrefs, held by their holder node; a callback is a fresh node (id n + i) that
    // only the weakref holds.
    let n = g.nodes.len();
    let mut weakrefs = Vec::new();
    for (i, &(holder, target, with_callback)) in g.weak.iter().enumerate() {
        let callback = with_callback.then(|| {
            heap.alloc(
                ty,
                Node {
                    id: n + i,
                    finalizer: false,
                    resurrect: false,
                    edges: RefCell::new(Vec::new()),
                    freed: freed.clone(),
                },
            )
            .unwrap()
            .into_obj()
        });
        let wr = heap
            .weakref(&handles[target], WeakKind::Ref, callback, true)
            .unwrap();
        handles[holder]
            .downcast::<Node>()
            .unwrap()
            .edges
            .borrow_mut()
            .push(wr.as_obj().clone());
        weakrefs.push(wr);
    }
    let roots: Vec<ObjRef> = g.roots.iter().map(|&r| handles[r].clone()).collect();
    drop(handles);
    // Watch the weakrefs without keeping them alive: a weakref to each weakref.
    let watchers: Vec<_> = weakrefs
        .iter()
        .map(|wr| {
            heap.weakref(wr.as_obj(), WeakKind::Ref, None, false)
                .unwrap()
        })
        .collect();
    drop(weakrefs);

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
    let all: BTreeSet<usize> = (0..n).collect();
    let freed_nodes: Vec<usize> = freed
        .borrow()
        .iter()
        .copied()
        .filter(|&id| id < n)
        .collect();
    let freed_now: BTreeSet<usize> = freed_nodes.iter().copied().collect();
    assert_eq!(
        freed_nodes.len(),
        freed_now.len(),
        "an object was freed twice"
    );
    let alive: BTreeSet<usize> = all.difference(&freed_now).copied().collect();
    assert_eq!(
        alive, expected,
        "alive after collect != reachable in the model"
    );

    // Weakrefs: alive exactly when their holder is; they answer exactly when their
    // target lives; callbacks ran exactly for the live ones whose target died.
    let mut expected_calls = Vec::new();
    for (i, (&(holder, target, with_callback), watcher)) in g.weak.iter().zip(&watchers).enumerate()
    {
        let wr = watcher.get();
        // Plain weakrefs (no callback) to one target are one shared object, held by
        // every holder of one of them.
        let holders: Vec<usize> = if with_callback {
            vec![holder]
        } else {
            g.weak
                .iter()
                .filter(|w| !w.2 && w.1 == target)
                .map(|w| w.0)
                .collect()
        };
        // The watcher answers while the weakref lives — unless the weakref was
        // unreachable and resurrected with its holder: the collector cleared the watcher
        // before the finalizer ran (CPython 3.11's order).
        if holders.iter().any(|h| from_roots.contains(h)) {
            assert!(wr.is_some(), "weakref {i} held from the roots died");
        }
        let held = holders.iter().any(|h| expected.contains(h));
        if !held {
            assert!(wr.is_none(), "weakref {i} outlived its holders");
        }
        if let Some(wr) = wr {
            let wr = wr.downcast::<WeakRef>().unwrap();
            let answers = wr.get().is_some();
            // A target reachable from the roots is always answered, a dead one never.
            // One that a finalizer resurrected may have had its weakrefs cleared: as in
            // CPython 3.11, the collector clears weakrefs to unreachable objects before
            // running finalizers.
            if from_roots.contains(&target) {
                assert!(answers, "weakref {i} to a reachable target was cleared");
            }
            if !expected.contains(&target) {
                assert!(!answers, "weakref {i} answers for a dead target");
            }
            let callback_freed = freed.borrow().contains(&(n + i));
            if with_callback && answers {
                assert!(!callback_freed, "weakref {i} lost its callback");
            }
            // A cleared live weakref ran its callback. (Cleared by refcounting, it
            // dropped the callback; cleared by the collector, it keeps it, as CPython's
            // handle_weakrefs does.)
            if with_callback && !answers {
                expected_calls.push(n + i);
            }
        } else if with_callback && !held {
            assert!(
                freed.borrow().contains(&(n + i)),
                "a dead weakref's callback lives"
            );
        }
    }
    // Callbacks: every live cleared weakref ran its callback; none ran twice; and only
    // weakrefs whose target was unreachable ran one (a weakref may also run its
    // callback and die in the same cascade, as when an object holds a weakref to
    // itself: CPython clears an object's weakrefs before its attributes die).
    let called = rt.called.borrow().clone();
    let called_once: BTreeSet<usize> = called.iter().copied().collect();
    assert_eq!(called.len(), called_once.len(), "a callback ran twice");
    for id in &expected_calls {
        assert!(called_once.contains(id), "callback {id} did not run");
    }
    for &id in &called_once {
        let (_, target, with_callback) = g.weak[id - n];
        assert!(
            with_callback && !from_roots.contains(&target),
            "callback {id} ran"
        );
    }
    let callbacks_alive = g
        .weak
        .iter()
        .enumerate()
        .filter(|&(i, w)| w.2 && !freed.borrow().contains(&(n + i)))
        .count();
    let live_weakrefs = heap
        .objects(None)
        .iter()
        .filter(|o| o.is_a::<WeakRef>())
        .count();
    assert_eq!(
        heap.live_objects(),
        expected.len() + live_weakrefs + callbacks_alive
    );

    // Refcounts: references from survivors, plus outside handles (roots, saved, and the
    // map's own handle).
    let outside: Vec<ObjRef> = roots
        .iter()
        .chain(rt.saved.borrow().iter())
        .cloned()
        .collect();
    let map = alive_by_id(&outside);
    assert_eq!(map.keys().copied().collect::<BTreeSet<_>>(), expected);
    // Nothing reachable from the roots was finalized, and every survivor still holds
    // the edges it was given: the collector cleared nothing it should not have.
    for &id in rt.finalized.borrow().iter() {
        assert!(
            !from_roots.contains(&id),
            "reachable node {id} was finalized"
        );
    }
    for (&id, obj) in &map {
        let held = obj.downcast::<Node>().unwrap().edges.borrow().len();
        let given = g.edges.iter().filter(|e| e.0 == id).count()
            + g.weak.iter().filter(|w| w.0 == id).count();
        assert_eq!(held, given, "node {id} lost edges");
    }
    // Edges to weakrefs count as references too; weakrefs are not in `map`.
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
    drop(watchers);
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
