//! Tests of the object model against a mock runtime: refcounting frees at once and
//! returns every byte to the allocator, tracking follows the type, the generation
//! tables keep allocation order, finalizers run at most once and may resurrect, a long
//! chain frees without deep recursion, and the heap outlives nothing it must not.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use allocator::Kind;

use crate::{Heap, HeapAlloc, HeapError, ObjRef, Runtime, Trace, Tracer, Type};

/// A container with a name, children, and optionally a finalizer.
struct Node {
    name: String,
    children: RefCell<Vec<ObjRef>>,
    finalizer: bool,
}

impl Trace for Node {
    const GC: bool = true;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit_all(&self.children.borrow());
    }

    fn clear(&self) {
        let children = self.children.take();
        drop(children);
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
        // Like CPython's list_dealloc: release the items last to first.
        let mut children = self.children.take();
        while let Some(child) = children.pop() {
            drop(child);
        }
    }
}

/// An atomic object: not GC-capable, never tracked (like a str).
struct Atom(#[allow(dead_code)] u64);

impl Trace for Atom {
    const GC: bool = false;

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("Atom")
    }
}

/// Records finalizers, debug lines and callbacks; resurrects the objects whose name is
/// in `resurrect`.
#[derive(Default)]
struct Mock {
    log: RefCell<Vec<String>>,
    resurrect: RefCell<Vec<String>>,
    saved: RefCell<Vec<ObjRef>>,
    lines: RefCell<Vec<String>>,
    callbacks: RefCell<Vec<(crate::Phase, crate::CallbackInfo)>>,
    weakref_calls: RefCell<Vec<String>>,
    /// Names of the objects whose finalizer or callback raises (the exception raised
    /// is the object itself).
    raise: RefCell<Vec<String>>,
    unraisable: RefCell<Vec<String>>,
}

impl Mock {
    fn outcome(&self, name: &str, obj: &ObjRef) -> crate::Outcome {
        if self.raise.borrow().iter().any(|r| r == name) {
            Err(obj.clone())
        } else {
            Ok(())
        }
    }
}

impl Runtime for Mock {
    fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) -> crate::Outcome {
        let wr = weakref.downcast::<crate::WeakRef>().expect("a weakref");
        assert!(wr.is_dead(), "callbacks run after the weakref is cleared");
        let name = callback.downcast::<Node>().unwrap().name.clone();
        self.weakref_calls.borrow_mut().push(name.clone());
        self.outcome(&name, callback)
    }

    fn unraisable(&self, context: crate::Unraisable<'_>, exception: ObjRef) {
        let what = match context {
            crate::Unraisable::Finalizer(obj) => {
                format!("finalizer of {}", obj.downcast::<Node>().unwrap().name)
            }
            crate::Unraisable::WeakrefCallback(cb) => {
                format!("callback {}", cb.downcast::<Node>().unwrap().name)
            }
            crate::Unraisable::GcCallback(phase) => format!("gc callback {}", phase.name()),
        };
        assert!(exception.is_a::<Node>());
        self.unraisable.borrow_mut().push(what);
    }

    fn debug_line(&self, line: &str) {
        self.lines.borrow_mut().push(line.to_string());
    }

    fn gc_callbacks(&self, phase: crate::Phase, info: crate::CallbackInfo) -> crate::Outcome {
        self.callbacks.borrow_mut().push((phase, info));
        Ok(())
    }

    fn finalize(&self, obj: &ObjRef) -> crate::Outcome {
        let node = obj.downcast::<Node>().expect("only nodes have finalizers");
        self.log.borrow_mut().push(node.name.clone());
        if self.resurrect.borrow().contains(&node.name) {
            self.saved.borrow_mut().push(obj.clone());
        }
        self.outcome(&node.name, obj)
    }
}

struct World {
    heap: Heap,
    node: Type<Node>,
    atom: Type<Atom>,
    rt: Rc<Mock>,
}

fn world(kind: Kind) -> World {
    let heap = Heap::new(kind).expect("a heap");
    let rt = Rc::new(Mock::default());
    heap.set_runtime(rt.clone());
    World {
        node: heap.register(),
        atom: heap.register(),
        heap,
        rt,
    }
}

impl World {
    fn node(&self, name: &str, children: Vec<ObjRef>) -> ObjRef {
        self.heap
            .alloc(
                self.node,
                Node {
                    name: name.to_string(),
                    children: RefCell::new(children),
                    finalizer: false,
                },
            )
            .expect("memory")
            .into_obj()
    }

    fn finalizable(&self, name: &str, children: Vec<ObjRef>) -> ObjRef {
        self.heap
            .alloc(
                self.node,
                Node {
                    name: name.to_string(),
                    children: RefCell::new(children),
                    finalizer: true,
                },
            )
            .expect("memory")
            .into_obj()
    }

    fn names(&self, gen: usize) -> Vec<String> {
        self.heap
            .objects(Some(gen))
            .iter()
            .filter_map(|o| o.downcast::<Node>().map(|n| n.name.clone()))
            .collect()
    }
}

#[test]
fn the_last_reference_frees_at_once_and_every_byte_returns() {
    for kind in Kind::ALL {
        let w = world(kind);
        let leaf = w.node("leaf", vec![]);
        let root = w.node("root", vec![leaf.clone()]);
        assert_eq!(leaf.refcount(), 2);
        assert_eq!(w.heap.live_objects(), 2);
        drop(leaf);
        assert_eq!(w.heap.live_objects(), 2, "root still holds the leaf");
        drop(root);
        assert_eq!(w.heap.live_objects(), 0);
        let stats = w.heap.allocator_stats();
        assert_eq!(stats.in_use_bytes, 0, "{kind}");
        assert_eq!(
            stats.allocations, 2,
            "{kind}: header and payload in one block"
        );
    }
}

#[test]
fn gc_capable_objects_count_and_track_atoms_do_not() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    let s = w.heap.alloc(w.atom, Atom(7)).unwrap().into_obj();
    assert!(w.heap.is_tracked(&a));
    assert!(!w.heap.is_tracked(&s));
    assert_eq!(
        w.heap.count(),
        (1, 0, 0),
        "only GC-capable allocations count"
    );
    w.heap.untrack(&a);
    assert!(!w.heap.is_tracked(&a));
    assert_eq!(
        w.heap.count(),
        (1, 0, 0),
        "untracking does not change the count"
    );
    w.heap.track(&a);
    w.heap.track(&s);
    assert!(w.heap.is_tracked(&a) && !w.heap.is_tracked(&s));
    drop(a);
    drop(s);
    assert_eq!(w.heap.count(), (0, 0, 0), "deallocation counts down");
}

#[test]
fn generation_tables_keep_allocation_order_through_holes_and_compaction() {
    let w = world(Kind::Pymalloc);
    // No automatic collection: it would promote survivors out of generation 0.
    w.heap.set_enabled(false);
    let mut keep = Vec::new();
    for i in 0..3000 {
        let n = w.node(&i.to_string(), vec![]);
        if i % 3 == 0 {
            keep.push(n);
        }
    }
    for i in 3000..3100 {
        keep.push(w.node(&i.to_string(), vec![]));
    }
    let expected: Vec<String> = (0..3000)
        .filter(|i| i % 3 == 0)
        .chain(3000..3100)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(w.names(0), expected);
    assert!(
        w.heap.table_bytes() < 3 * 3100 * 8,
        "holes were squeezed out as they grew"
    );
}

#[test]
fn finalizers_run_before_the_payload_dies_depth_first_like_cpython() {
    let w = world(Kind::Pymalloc);
    // CPython 3.11, `lst = [N("A", N("C"), N("D")), N("B")]; del lst` prints
    // B, A, D, C: list_dealloc releases items last to first, and each object is
    // finalized before its children are released.
    let c = w.finalizable("C", vec![]);
    let d = w.finalizable("D", vec![]);
    let a = w.finalizable("A", vec![c, d]);
    let b = w.finalizable("B", vec![]);
    let lst = w.node("lst", vec![a, b]);
    drop(lst);
    assert_eq!(*w.rt.log.borrow(), ["B", "A", "D", "C"]);
    assert_eq!(w.heap.live_objects(), 0);
}

#[test]
fn a_finalizer_runs_at_most_once_and_may_resurrect() {
    let w = world(Kind::Pymalloc);
    w.rt.resurrect.borrow_mut().push("phoenix".into());
    let p = w.finalizable("phoenix", vec![]);
    let child = w.node("child", vec![]);
    p.downcast::<Node>()
        .unwrap()
        .children
        .borrow_mut()
        .push(child);
    drop(p);
    assert_eq!(*w.rt.log.borrow(), ["phoenix"]);
    assert_eq!(w.heap.live_objects(), 2, "resurrected, with what it holds");
    let p = w.rt.saved.borrow_mut().pop().unwrap();
    assert!(w.heap.is_finalized(&p));
    assert!(w.heap.is_tracked(&p), "tracked again, in generation 0");
    assert_eq!(w.names(0), ["child", "phoenix"]);
    drop(p);
    assert_eq!(*w.rt.log.borrow(), ["phoenix"], "never finalized twice");
    assert_eq!(w.heap.live_objects(), 0);
}

#[test]
fn a_million_long_chain_frees_without_deep_recursion() {
    // Run on a thread with a small stack: recursion per link would overflow it.
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(|| {
            let w = world(Kind::Pymalloc);
            let mut head = w.finalizable("0", vec![]);
            for i in 1..1_000_000 {
                head = if i % 2 == 0 {
                    w.finalizable(&i.to_string(), vec![head])
                } else {
                    w.node(&i.to_string(), vec![head])
                };
            }
            assert_eq!(w.heap.live_objects(), 1_000_000);
            drop(head);
            assert_eq!(w.heap.live_objects(), 0);
            let log = w.rt.log.borrow();
            assert_eq!(log.len(), 500_000);
            // Outermost first, as CPython finalizes a chain.
            assert_eq!(log.first().map(String::as_str), Some("999998"));
            assert_eq!(log.last().map(String::as_str), Some("0"));
            assert_eq!(w.heap.allocator_stats().in_use_bytes, 0);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn one_heap_per_thread_and_a_dropped_heap_waits_for_its_last_block() {
    let w = world(Kind::Pymalloc);
    assert_eq!(
        Heap::new(Kind::System).err(),
        Some(HeapError::ThreadHasHeap)
    );
    let survivor = w.node("survivor", vec![]);
    let mut buffer: allocator_api2::vec::Vec<u64, HeapAlloc> =
        allocator_api2::vec::Vec::new_in(HeapAlloc::new());
    buffer.extend(0..100);
    drop(w);
    // The heap handle is gone, but its object and buffer still work...
    assert_eq!(survivor.downcast::<Node>().unwrap().name, "survivor");
    assert_eq!(buffer.iter().sum::<u64>(), 4950);
    assert_eq!(
        Heap::new(Kind::System).err(),
        Some(HeapError::ThreadHasHeap),
        "...and hold the thread's heap"
    );
    drop(survivor);
    drop(buffer);
    let again = Heap::new(Kind::System).expect("the old heap was released");
    drop(again);
}

#[test]
fn container_storage_comes_from_the_heaps_allocator() {
    let w = world(Kind::Slab);
    let before = w.heap.allocator_stats().allocations;
    let mut v: allocator_api2::vec::Vec<u32, HeapAlloc> =
        allocator_api2::vec::Vec::new_in(HeapAlloc::new());
    v.extend(0..10_000);
    let stats = w.heap.allocator_stats();
    assert!(stats.allocations > before);
    assert!(stats.in_use_bytes >= 40_000);
    drop(v);
    assert_eq!(w.heap.allocator_stats().in_use_bytes, 0);
}

#[test]
fn handles_compare_by_identity_and_downcast_by_type() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    let a2 = a.clone();
    let b = w.heap.alloc(w.atom, Atom(1)).unwrap().into_obj();
    assert!(a.is(&a2) && a == a2 && a != b);
    assert_eq!(a.id(), a2.id());
    assert!(a.is_a::<Node>() && !a.is_a::<Atom>());
    assert!(b.downcast::<Node>().is_none());
    assert_eq!(a.type_name(), "Node");
    assert_eq!(format!("{b:?}").split(' ').next(), Some("<Atom"));
    let _ = Cell::new(0);
}

// ---------------------------------------------------------------------------------
// The collector.

fn link(from: &ObjRef, to: &ObjRef) {
    from.downcast::<Node>()
        .unwrap()
        .children
        .borrow_mut()
        .push(to.clone());
}

#[test]
fn a_cycle_is_collected_and_collect_counts_it() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    assert_eq!(
        w.heap.live_objects(),
        2,
        "refcounting alone cannot free a cycle"
    );
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(w.heap.live_objects(), 0);
    assert_eq!(w.heap.allocator_stats().in_use_bytes, 0);
    assert_eq!(w.heap.collect(2), Ok(0));
    let stats = w.heap.generation_stats();
    assert_eq!((stats[2].collections, stats[2].collected), (2, 2));
}

#[test]
fn survivors_move_up_in_order_with_their_refcounts_untouched() {
    let w = world(Kind::Pymalloc);
    let root = w.node("root", vec![]);
    let kids: Vec<ObjRef> = (0..5).map(|i| w.node(&format!("k{i}"), vec![])).collect();
    for k in &kids {
        link(&root, k);
    }
    let before: Vec<u32> = kids.iter().map(ObjRef::refcount).collect();
    assert_eq!(w.heap.collect(0), Ok(0));
    assert_eq!(w.names(0), Vec::<String>::new());
    assert_eq!(w.names(1), ["root", "k0", "k1", "k2", "k3", "k4"]);
    assert_eq!(w.heap.count(), (0, 1, 0));
    assert_eq!(w.heap.collect(1), Ok(0));
    assert_eq!(w.names(2).len(), 6);
    assert_eq!(w.heap.count(), (0, 0, 1));
    assert_eq!(w.heap.collect(2), Ok(0));
    assert_eq!(w.names(2), ["root", "k0", "k1", "k2", "k3", "k4"]);
    assert_eq!(
        kids.iter().map(ObjRef::refcount).collect::<Vec<_>>(),
        before
    );
    assert_eq!(w.heap.collect(3), Err(crate::InvalidGeneration));
}

/// Built children first, a chain is all tentatively unreachable until its head is
/// scanned; each rescue moves an object to the end of the table, so the survivors come
/// out head first, as in CPython (`python3`, `__slots__` nodes: `keep = [e]`, `e -> c -> b -> a`,
/// gives `e, c, b, a` in `gc.get_objects(2)`), and the garbage among them goes.
#[test]
fn rescued_objects_survive_in_the_order_they_were_rescued() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    let g1 = w.node("g1", vec![]);
    let b = w.node("b", vec![a.clone()]);
    let g2 = w.node("g2", vec![g1.clone()]);
    link(&g1, &g2);
    let c = w.node("c", vec![b.clone()]);
    let e = w.node("e", vec![c.clone()]);
    drop((a, b, c, g1, g2));
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(w.names(2), ["e", "c", "b", "a"]);
    // Again, from the order the first collection left (no rescue needed now but e's).
    assert_eq!(w.heap.collect(2), Ok(0));
    assert_eq!(w.names(2), ["e", "c", "b", "a"]);
    drop(e);
    assert_eq!(w.heap.live_objects(), 0);
}

#[test]
fn collecting_gen0_leaves_older_garbage_for_later() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    w.heap.collect(0).unwrap(); // both survive into generation 1
    drop((a, b));
    assert_eq!(w.heap.collect(0), Ok(0), "the garbage is in generation 1");
    assert_eq!(w.heap.collect(1), Ok(2));
}

#[test]
fn garbage_finalizers_run_once_and_resurrection_is_subtracted() {
    let w = world(Kind::Pymalloc);
    w.rt.resurrect.borrow_mut().push("r".into());
    // Two cycles: a <-> b (a finalizable), r <-> s (r resurrects, s plain).
    let a = w.finalizable("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    let r = w.finalizable("r", vec![]);
    let s = w.node("s", vec![]);
    link(&r, &s);
    link(&s, &r);
    drop((a, b, r, s));
    // 4 unreachable, 2 resurrected (r and s, which r reaches).
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(*w.rt.log.borrow(), ["a", "r"]);
    assert_eq!(w.heap.live_objects(), 2);
    let event = *w.heap.events().last().unwrap();
    assert_eq!(
        (
            event.unreachable,
            event.resurrected,
            event.collected,
            event.finalizers
        ),
        (4, 2, 2, 2)
    );
    // Drop the resurrected cycle: collected this time, without finalizing again.
    w.rt.saved.borrow_mut().clear();
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(*w.rt.log.borrow(), ["a", "r"]);
    assert_eq!(w.heap.live_objects(), 0);
}

/// A runtime whose finalizer calls `gc.collect()`.
struct Reentrant {
    heap: RefCell<std::rc::Weak<Heap>>,
    inner: RefCell<Vec<usize>>,
}

impl Runtime for Reentrant {
    fn finalize(&self, _obj: &ObjRef) -> crate::Outcome {
        let heap = self.heap.borrow().upgrade().unwrap();
        assert!(heap.is_collecting());
        self.inner.borrow_mut().push(heap.collect(2).unwrap());
        Ok(())
    }
}

#[test]
fn collect_during_a_collection_returns_zero() {
    let heap = Rc::new(Heap::new(Kind::Pymalloc).unwrap());
    let rt = Rc::new(Reentrant {
        heap: RefCell::new(Rc::downgrade(&heap)),
        inner: RefCell::new(Vec::new()),
    });
    heap.set_runtime(rt.clone());
    let ty = heap.register::<Node>();
    let make = |finalizer| {
        heap.alloc(
            ty,
            Node {
                name: "x".into(),
                children: RefCell::new(vec![]),
                finalizer,
            },
        )
        .unwrap()
        .into_obj()
    };
    let a = make(true);
    let b = make(false);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    assert_eq!(heap.collect(2), Ok(2));
    assert_eq!(*rt.inner.borrow(), [0]);
    drop(rt);
}

#[test]
fn allocation_past_threshold0_collects_generation_0() {
    let w = world(Kind::Pymalloc);
    w.heap.set_threshold(10, None, None);
    assert_eq!(w.heap.threshold(), (10, 10, 10));
    let keep: Vec<ObjRef> = (0..10).map(|i| w.node(&i.to_string(), vec![])).collect();
    assert_eq!(w.heap.count(), (10, 0, 0));
    assert!(w.heap.events().is_empty(), "10 is not past the threshold");
    let eleventh = w.node("10", vec![]);
    assert_eq!(w.heap.events().len(), 1, "the 11th allocation collects");
    assert_eq!(w.heap.events()[0].generation, 0);
    // As in CPython 3.11's _PyObject_GC_Link: the allocation is counted, then the
    // collection zeroes count[0]; the new object was not part of it and joins
    // generation 0 afterwards, uncounted.
    assert_eq!(w.heap.count(), (0, 1, 0));
    assert_eq!(w.names(0), ["10"]);
    assert_eq!(w.names(1).len(), 10);
    // Off: threshold0 = 0, or disabled.
    w.heap.set_threshold(0, None, None);
    let more: Vec<ObjRef> = (0..50).map(|i| w.node(&i.to_string(), vec![])).collect();
    assert_eq!(w.heap.events().len(), 1);
    w.heap.set_threshold(10, None, None);
    w.heap.set_enabled(false);
    let evenmore: Vec<ObjRef> = (0..50).map(|i| w.node(&i.to_string(), vec![])).collect();
    assert_eq!(w.heap.events().len(), 1);
    assert!(!w.heap.is_enabled());
    drop((keep, eleventh, more, evenmore));
}

#[test]
fn older_generations_follow_their_thresholds_and_full_collections_wait_for_25_percent() {
    let w = world(Kind::Pymalloc);
    w.heap.set_threshold(5, Some(2), Some(1));
    let mut keep = Vec::new();
    for i in 0..200 {
        keep.push(w.node(&i.to_string(), vec![]));
    }
    let gens: Vec<usize> = w.heap.events().iter().map(|e| e.generation).collect();
    assert!(
        gens.contains(&0) && gens.contains(&1) && gens.contains(&2),
        "{gens:?}"
    );
    // After a full collection, the next one waits until the objects that survived
    // into generation 2 since exceed a quarter of those it left.
    let full: Vec<usize> = w
        .heap
        .events()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.generation == 2)
        .map(|(i, _)| i)
        .collect();
    assert!(full.len() >= 2);
    // Every full collection examined at least 5/4 of the one before it.
    let examined: Vec<usize> = full.iter().map(|&i| w.heap.events()[i].examined).collect();
    for pair in examined.windows(2) {
        assert!(pair[1] * 4 >= pair[0] * 5, "{examined:?}");
    }
}

/// A container that may be untracked when it holds nothing (a tuple or dict).
struct Bag {
    items: RefCell<Vec<ObjRef>>,
    full_only: bool,
}

impl Trace for Bag {
    const GC: bool = true;
    const UNTRACK: crate::Untrack = crate::Untrack::EveryCollection;

    fn traverse<V: Tracer + ?Sized>(&self, tracer: &mut V) {
        tracer.visit_all(&self.items.borrow());
    }

    fn can_untrack(&self) -> bool {
        !self.full_only && self.items.borrow().is_empty()
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("Bag")
    }
}

#[test]
fn survivors_that_cannot_be_in_cycles_are_untracked() {
    let w = world(Kind::Pymalloc);
    let bag = w.heap.register::<Bag>();
    let empty = w
        .heap
        .alloc(
            bag,
            Bag {
                items: RefCell::new(vec![]),
                full_only: false,
            },
        )
        .unwrap()
        .into_obj();
    let holding = w
        .heap
        .alloc(
            bag,
            Bag {
                items: RefCell::new(vec![w.node("n", vec![])]),
                full_only: false,
            },
        )
        .unwrap()
        .into_obj();
    assert!(w.heap.is_tracked(&empty) && w.heap.is_tracked(&holding));
    w.heap.collect(0).unwrap();
    assert!(
        !w.heap.is_tracked(&empty),
        "untracked: it cannot be part of a cycle"
    );
    assert!(w.heap.is_tracked(&holding));
}

/// A runtime with a `gc.garbage` list.
#[derive(Default)]
struct Garbage(RefCell<Vec<ObjRef>>);

impl Runtime for Garbage {
    fn finalize(&self, _obj: &ObjRef) -> crate::Outcome {
        Ok(())
    }

    fn save_garbage(&self, obj: &ObjRef) {
        self.0.borrow_mut().push(obj.clone());
    }
}

#[test]
fn saveall_puts_the_unreachable_in_gc_garbage() {
    let w = world(Kind::Pymalloc);
    let garbage = Rc::new(Garbage::default());
    w.heap.set_runtime(garbage.clone());
    w.heap.set_debug(crate::DEBUG_SAVEALL);
    let a = w.node("a", vec![]);
    link(&a, &a);
    drop(a);
    assert_eq!(w.heap.collect(2), Ok(1));
    assert_eq!(garbage.0.borrow().len(), 1);
    assert_eq!(garbage.0.borrow()[0].downcast::<Node>().unwrap().name, "a");
    // Emptying gc.garbage (and turning SAVEALL off) lets the next collection free it.
    w.heap.set_debug(0);
    let kept = garbage.0.take();
    drop(kept);
    assert_eq!(w.heap.collect(2), Ok(1));
    assert_eq!(w.heap.live_objects(), 0);
}

#[test]
fn getsizeof_defaults_to_heaplabs_size_and_types_may_report_cpythons() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    assert_eq!(a.getsizeof(), 16 + std::mem::size_of::<Node>());
    struct Sized56;
    impl Trace for Sized56 {
        const GC: bool = true;
        fn type_name(&self) -> Cow<'_, str> {
            Cow::Borrowed("list")
        }
        fn getsizeof(&self) -> usize {
            56 // CPython 3.11's sys.getsizeof([])
        }
    }
    let ty = w.heap.register::<Sized56>();
    let l = w.heap.alloc(ty, Sized56).unwrap();
    assert_eq!(l.as_obj().getsizeof(), 56);
}

#[test]
fn saveall_keeps_the_garbage_for_the_runtime() {
    let w = world(Kind::Pymalloc);
    w.heap.set_debug(crate::DEBUG_SAVEALL);
    let a = w.node("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(w.heap.live_objects(), 2, "kept, not cleared");
    assert_eq!(
        w.rt.saved.borrow().len(),
        0,
        "the mock saves only resurrections"
    );
    // Dropping the heap frees them (a final collection without SAVEALL), so a new
    // heap can start on this thread.
    drop(w);
    drop(Heap::new(Kind::System).expect("the old heap was released"));
}

#[test]
fn dropping_the_heap_frees_garbage_cycles() {
    let w = world(Kind::Pymalloc);
    let a = w.finalizable("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    let rt = w.rt.clone();
    drop(w);
    assert_eq!(*rt.log.borrow(), ["a"], "finalized on the way out");
    drop(Heap::new(Kind::System).expect("the old heap was released"));
}

/// Addresses vary from run to run; debug lines are compared with them masked.
fn masked(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at]);
        out.push_str("0xADDR");
        rest = rest[at + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[test]
fn debug_stats_and_collectable_print_cpythons_lines() {
    let w = world(Kind::Pymalloc);
    let keep = w.node("keep", vec![]);
    w.heap.collect(2).unwrap();
    let a = w.node("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    drop((a, b));
    w.heap
        .set_debug(crate::DEBUG_STATS | crate::DEBUG_COLLECTABLE);
    assert_eq!(w.heap.collect(2), Ok(2));
    let lines: Vec<String> = w.rt.lines.borrow().iter().map(|l| masked(l)).collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(lines[0], "gc: collecting generation 2...");
    assert_eq!(lines[1], "gc: objects in each generation: 2 0 1");
    assert_eq!(lines[2], "gc: objects in permanent generation: 0");
    assert_eq!(lines[3], "gc: collectable <Node 0xADDR>");
    assert_eq!(lines[4], "gc: collectable <Node 0xADDR>");
    assert!(
        lines[5].starts_with("gc: done, 2 unreachable, 0 uncollectable, ")
            && lines[5].ends_with("s elapsed"),
        "{}",
        lines[5]
    );
    drop(keep);
}

#[test]
fn gc_callbacks_hear_start_and_stop_with_the_counts() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    link(&a, &a);
    drop(a);
    w.heap.collect(1).unwrap();
    let calls = w.rt.callbacks.borrow();
    let info = |collected| crate::CallbackInfo {
        generation: 1,
        collected,
        uncollectable: 0,
    };
    assert_eq!(
        *calls,
        [
            (crate::Phase::Start, info(0)),
            (crate::Phase::Stop, info(1))
        ]
    );
    assert_eq!(crate::Phase::Start.name(), "start");
}

#[test]
fn freeze_hides_objects_from_collections_until_unfreeze() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    link(&a, &a);
    let b = w.node("b", vec![]);
    w.heap.collect(0).unwrap();
    let c = w.node("c", vec![]);
    w.heap.freeze();
    assert_eq!(w.heap.freeze_count(), 3);
    assert_eq!(
        w.heap.count().0,
        0,
        "freezing restarts generation 0's count"
    );
    assert!(
        w.heap.objects(None).is_empty(),
        "get_objects leaves the permanent generation out"
    );
    drop(a);
    assert_eq!(w.heap.collect(2), Ok(0), "a frozen cycle is not collected");
    w.heap.unfreeze();
    assert_eq!(w.heap.freeze_count(), 0);
    // As in CPython: freeze appends generation 0 (c) then 1 (a, b) to the permanent
    // generation, and unfreeze appends that to the oldest generation.
    assert_eq!(w.names(2), ["c", "a", "b"]);
    assert_eq!(w.heap.collect(2), Ok(1));
    drop((b, c));
}

#[test]
fn referents_and_referrers_follow_traverse() {
    let w = world(Kind::Pymalloc);
    let leaf = w.node("leaf", vec![]);
    let atom = w.heap.alloc(w.atom, Atom(3)).unwrap().into_obj();
    let p = w.node("p", vec![leaf.clone(), atom.clone(), leaf.clone()]);
    let q = w.node("q", vec![atom.clone()]);
    let r = w.node("r", vec![]);
    let refs = w.heap.referents(&p);
    assert_eq!(refs.len(), 3);
    assert!(refs[0].is(&leaf) && refs[1].is(&atom) && refs[2].is(&leaf));
    let names = |objs: Vec<ObjRef>| -> Vec<String> {
        objs.iter()
            .map(|o| o.downcast::<Node>().unwrap().name.clone())
            .collect()
    };
    assert_eq!(
        names(w.heap.referrers(std::slice::from_ref(&atom))),
        ["p", "q"]
    );
    assert_eq!(names(w.heap.referrers(&[leaf.clone(), r.clone()])), ["p"]);
    w.heap.untrack(&q);
    assert_eq!(
        names(w.heap.referrers(std::slice::from_ref(&atom))),
        ["p"],
        "only tracked referrers are found"
    );
}

// ---------------------------------------------------------------------------------
// Weak references.

use crate::WeakKind;

#[test]
fn a_weakref_dies_with_its_referent_and_callbacks_run_newest_first() {
    let w = world(Kind::Pymalloc);
    let target = w.node("target", vec![]);
    let plain = w.heap.weakref(&target, WeakKind::Ref, None, true).unwrap();
    let again = w.heap.weakref(&target, WeakKind::Ref, None, true).unwrap();
    assert!(plain.as_obj().is(again.as_obj()), "ref(o) is ref(o)");
    let cb1 = w.node("first", vec![]);
    let cb2 = w.node("second", vec![]);
    let w1 = w
        .heap
        .weakref(&target, WeakKind::Ref, Some(cb1), true)
        .unwrap();
    let w2 = w
        .heap
        .weakref(&target, WeakKind::Ref, Some(cb2), true)
        .unwrap();
    assert!(
        !w1.as_obj().is(w2.as_obj()),
        "a weakref with a callback is never shared"
    );
    assert_eq!(w.heap.weakref_count(&target), 3);
    let order: Vec<bool> = w
        .heap
        .weakrefs(&target)
        .iter()
        .map(|r| r.is(plain.as_obj()))
        .collect();
    assert_eq!(order, [true, false, false], "the plain ref heads the list");
    assert!(
        w.heap.weakrefs(&target)[1].is(w2.as_obj()),
        "then the newest"
    );
    assert!(plain.get().unwrap().is(&target));
    drop(target);
    assert!(plain.is_dead() && w1.is_dead() && w2.is_dead());
    assert_eq!(*w.rt.weakref_calls.borrow(), ["second", "first"]);
}

#[test]
fn a_dead_weakref_leaves_no_trace_and_its_callback_never_runs() {
    let w = world(Kind::Pymalloc);
    let target = w.node("target", vec![]);
    let cb = w.node("cb", vec![]);
    let wr = w
        .heap
        .weakref(&target, WeakKind::Ref, Some(cb), true)
        .unwrap();
    drop(wr);
    assert_eq!(w.heap.weakref_count(&target), 0);
    drop(target);
    assert!(w.rt.weakref_calls.borrow().is_empty());
    assert_eq!(w.heap.live_objects(), 0);
}

#[test]
fn the_collector_calls_callbacks_of_reachable_weakrefs_only() {
    let w = world(Kind::Pymalloc);
    // A garbage cycle a <-> b, weakly referenced from outside (reachable weakref with
    // a callback) and from inside (a weakref that is part of the garbage).
    let a = w.node("a", vec![]);
    let b = w.node("b", vec![]);
    link(&a, &b);
    link(&b, &a);
    let outside_cb = w.node("outside", vec![]);
    let inside_cb = w.node("inside", vec![]);
    let outside = w
        .heap
        .weakref(&a, WeakKind::Ref, Some(outside_cb), true)
        .unwrap();
    let inside = w
        .heap
        .weakref(&b, WeakKind::Ref, Some(inside_cb), true)
        .unwrap();
    link(&a, inside.as_obj());
    drop(inside);
    drop((a, b));
    // a, b, the inside weakref and its callback object are garbage: 4 objects.
    assert_eq!(w.heap.collect(2), Ok(4));
    assert!(outside.is_dead());
    assert_eq!(*w.rt.weakref_calls.borrow(), ["outside"]);
    let event = *w.heap.events().last().unwrap();
    assert_eq!(event.weakref_callbacks, 1);
}

#[test]
fn a_weakref_freed_by_its_own_callback_counts_as_collected() {
    let w = world(Kind::Pymalloc);
    let a = w.node("a", vec![]);
    link(&a, &a);
    let cb = w.node("cb", vec![]);
    let wr = w.heap.weakref(&a, WeakKind::Ref, Some(cb), true).unwrap();
    // The weakref is held only by a holder the callback's "runtime" releases: model it
    // by handing the only handle to the mock's saved list and clearing it on callback.
    w.rt.saved.borrow_mut().push(wr.into_obj());
    drop(a);
    let rt = w.rt.clone();
    struct Releaser(Rc<Mock>);
    impl Runtime for Releaser {
        fn finalize(&self, obj: &ObjRef) -> crate::Outcome {
            self.0.finalize(obj)
        }

        fn weakref_callback(&self, callback: &ObjRef, weakref: &ObjRef) -> crate::Outcome {
            let outcome = self.0.weakref_callback(callback, weakref);
            let saved = self.0.saved.take();
            drop(saved);
            outcome
        }
    }
    w.heap.set_runtime(Rc::new(Releaser(rt)));
    // The self-cycle, plus the weakref its callback let go of.
    assert_eq!(w.heap.collect(2), Ok(2));
    assert_eq!(*w.rt.weakref_calls.borrow(), ["cb"]);
}

#[test]
fn proxies_and_subclass_refs_are_shared_separately() {
    let w = world(Kind::Pymalloc);
    let t = w.node("t", vec![]);
    let r = w.heap.weakref(&t, WeakKind::Ref, None, true).unwrap();
    let p = w.heap.weakref(&t, WeakKind::Proxy, None, true).unwrap();
    let p2 = w.heap.weakref(&t, WeakKind::Proxy, None, true).unwrap();
    let sub = w.heap.weakref(&t, WeakKind::Ref, None, false).unwrap();
    assert!(p.as_obj().is(p2.as_obj()));
    assert!(!r.as_obj().is(p.as_obj()) && !sub.as_obj().is(r.as_obj()));
    assert_eq!(p.kind(), WeakKind::Proxy);
    let list = w.heap.weakrefs(&t);
    assert!(list[0].is(r.as_obj()) && list[1].is(p.as_obj()) && list[2].is(sub.as_obj()));
    assert_eq!(r.as_obj().type_name(), "ReferenceType");
}

#[test]
fn a_failing_finalizer_or_callback_is_reported_and_the_collection_goes_on() {
    let w = world(Kind::Pymalloc);
    w.rt.raise
        .borrow_mut()
        .extend(["bad".to_string(), "badcb".to_string()]);
    // A garbage cycle whose first object's finalizer raises; its second's does not.
    let bad = w.finalizable("bad", vec![]);
    let good = w.finalizable("good", vec![]);
    link(&bad, &good);
    link(&good, &bad);
    // And a reachable weakref to it whose callback raises.
    let cb = w.node("badcb", vec![]);
    let wr = w.heap.weakref(&bad, WeakKind::Ref, Some(cb), true).unwrap();
    drop((bad, good));
    assert_eq!(w.heap.collect(2), Ok(2), "the collection finished");
    assert_eq!(*w.rt.log.borrow(), ["bad", "good"], "every finalizer ran");
    assert_eq!(
        *w.rt.unraisable.borrow(),
        ["callback badcb", "finalizer of bad"],
        "weakref callbacks run before finalizers, as in CPython"
    );
    assert!(wr.is_dead());
    assert_eq!(w.heap.live_objects(), 2, "the weakref and its callback");
    // By refcount too.
    let lone = w.finalizable("bad", vec![]);
    drop(lone);
    assert_eq!(w.rt.unraisable.borrow().last().unwrap(), "finalizer of bad");
}

#[test]
fn collectors_are_chosen_by_name() {
    use crate::CollectorKind;
    assert_eq!(
        "generational".parse::<CollectorKind>(),
        Ok(CollectorKind::Generational)
    );
    let err = "marksweep".parse::<CollectorKind>().unwrap_err();
    assert!(err.contains("generational"), "{err}");
    let heap = Heap::with_collector(Kind::System.build(), CollectorKind::Generational).unwrap();
    assert_eq!(heap.collect(2), Ok(0));
}

#[test]
fn objects_made_before_their_referrers_are_rescued_not_collected() {
    // Children first, as programs build trees: when the scan reaches `child` its
    // gc_refs is 0 (only `parent`, later in the list, refers to it), so it is
    // tentatively unreachable until `parent` is scanned and rescues it.
    let w = world(Kind::Pymalloc);
    let grandchild = w.node("grandchild", vec![]);
    let child = w.finalizable("child", vec![grandchild]);
    let parent = w.node("parent", vec![child]);
    assert_eq!(w.heap.collect(0), Ok(0));
    assert!(w.rt.log.borrow().is_empty(), "nothing was finalized");
    let child = &w.heap.referents(&parent)[0];
    assert_eq!(w.heap.referents(child).len(), 1, "nothing was cleared");
    // CPython's order: `parent` in place, then the rescued, in rescue order.
    assert_eq!(w.names(1), ["parent", "child", "grandchild"]);
    assert_eq!(w.heap.collect(2), Ok(0));
    assert_eq!(w.names(2), ["parent", "child", "grandchild"], "each once");
}

/// A tuple-like payload on free list 3, which holds at most two blocks.
struct Pair(#[allow(dead_code)] u64);

impl Trace for Pair {
    const GC: bool = true;

    fn free_list(&self) -> crate::FreeList {
        crate::FreeList::Slot { id: 3, capacity: 2 }
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("Pair")
    }
}

/// Another type naming the same list: it must never get a `Pair`'s block.
struct Wide([u64; 8]);

impl Trace for Wide {
    const GC: bool = true;

    fn free_list(&self) -> crate::FreeList {
        crate::FreeList::Slot { id: 3, capacity: 2 }
    }

    fn type_name(&self) -> Cow<'_, str> {
        Cow::Borrowed("Wide")
    }
}

#[test]
fn free_lists_reuse_dead_blocks_up_to_their_bound_and_a_full_collection_empties_them() {
    for kind in Kind::ALL {
        let w = world(kind);
        let pair: Type<Pair> = w.heap.register();
        let wide: Type<Wide> = w.heap.register();
        let objs: Vec<_> = (0..3)
            .map(|i| w.heap.alloc(pair, Pair(i)).unwrap())
            .collect();
        let first = objs[0].clone().into_obj();
        let first_addr = first.id();
        drop(first);
        drop(objs);
        assert_eq!(w.heap.live_objects(), 0);
        assert_eq!(w.heap.free_list_blocks(), 2, "{kind}: the list keeps two");
        let stats = w.heap.allocator_stats();
        assert_eq!((stats.allocations, stats.frees), (3, 1), "{kind}");

        // A different type on the same list is served by the allocator.
        let other = w.heap.alloc(wide, Wide([7; 8])).unwrap();
        assert_eq!(other.0, [7; 8]);
        assert_eq!(w.heap.allocator_stats().allocations, 4, "{kind}");
        drop(other);

        // Pairs take the kept blocks, newest first, without the allocator.
        let again = w.heap.alloc(pair, Pair(9)).unwrap().into_obj();
        let again2 = w.heap.alloc(pair, Pair(10)).unwrap().into_obj();
        assert_eq!(w.heap.free_list_blocks(), 0);
        assert_eq!(w.heap.allocator_stats().allocations, 4, "{kind}");
        assert!(again.id() == first_addr || again2.id() == first_addr);
        assert!(
            again.is_tracked(),
            "a reused block is tracked like a new one"
        );
        drop((again, again2));
        assert_eq!(w.heap.free_list_blocks(), 2);

        // A full collection gives the blocks back, as CPython's clear_freelists.
        w.heap.collect(2).unwrap();
        assert_eq!(w.heap.free_list_blocks(), 0);
        assert_eq!(w.heap.allocator_stats().in_use_bytes, 0, "{kind}");
    }
}

#[test]
fn dropping_the_heap_releases_its_free_lists() {
    let w = world(Kind::Pymalloc);
    let pair: Type<Pair> = w.heap.register();
    drop(w.heap.alloc(pair, Pair(1)).unwrap());
    assert_eq!(w.heap.free_list_blocks(), 1);
    let survivor = w.node("survivor", vec![]);
    drop(w);
    // The orphaned heap keeps no block for reuse: the last one going releases it.
    drop(survivor);
    let again = Heap::new(Kind::System).expect("the old heap was released");
    drop(again);
}
