//! CPython's generational cycle collector (Modules/gcmodule.c, 3.11), phase by phase.
//!
//! Read [`collect_generation`] to understand how a collection works: it calls one
//! function per phase, under CPython's names, in CPython's order:
//!
//! 1. `update_refs` and 2. `subtract_refs`, in one pass: the generations being
//!    collected — generation `g`'s table, with the younger ones appended in the order
//!    CPython merges its lists — are the working set, scanned in place, and every
//!    reference from one object of the set to another is counted in the referent's
//!    `gc_internal`. An object's `gc_refs`, the references it gets from outside the
//!    set, is then `refcnt - gc_internal`. (CPython stores `gc_refs` = refcount first,
//!    then subtracts: one more pass over every header.)
//! 3. `move_unreachable`: CPython's single scan. An object with `gc_refs > 0` is
//!    reachable: traverse it and rescue what it refers to; it stays where it is
//!    (survivors that can no longer be in a cycle — tuples, and in full collections
//!    dicts — are untracked instead). One with `gc_refs == 0` is tentatively
//!    unreachable (a bit in a bitmap) until something scanned later rescues it, which
//!    moves it to the end of the table being scanned, as CPython moves it to the end of
//!    `young`. Survivors of a full collection stay in generation 2's table as they are;
//!    those of a younger one are appended to the next generation's.
//! 4. `finalize_garbage`: the unreachable objects' finalizers run (once ever, PEP 442),
//!    in order. Python code runs here: objects may die, new ones may be made.
//! 5. `handle_resurrected_objects`: steps 1–3 again on the unreachable set alone; what a
//!    finalizer made reachable again survives into the next generation.
//! 6. `delete_garbage`: `tp_clear` on each object still unreachable, which breaks the
//!    cycles so that refcounting frees them; an object still alive afterwards moves to
//!    the next generation.
//!
//! Between steps 3 and 4, `handle_weakrefs` (in `weakref.rs`) clears the weakrefs to
//! unreachable objects and calls the callbacks of those that are reachable.
//!
//! The collection returns the number of objects found unreachable, less those
//! resurrected, plus the reachable weakrefs their own callbacks freed (CPython counts
//! those too).
//!
//! Like CPython, the collector keeps its per-object state in the headers (`gc_internal`
//! and the generation table's `gc_slot`), so visiting a reference costs one cache miss
//! (the referent's header). It writes a header only to count a reference to it or to
//! rescue it: an object's own visits read it and nothing more, and "tentatively
//! unreachable" is a bit in a bitmap small enough to stay in cache. A heap of 10^6
//! objects does not fit in the caches, so the collector's speed is the memory traffic it
//! causes: every line it dirties is written back. While the collector traverses (steps
//! 1–3) nothing may be freed; a deallocation a faulty `traverse` triggers is deferred
//! (see `heap::dealloc`) and done once the tables are consistent again.

use core::ptr::NonNull;
use std::rc::Rc;
use std::time::Instant;

use crate::generation::{Table, GENERATIONS};
use crate::header::{flag, Header};
use crate::heap::{refresh_type_table, Core};
use crate::object::{ObjRef, Tracer, TypeInfo, Untrack};

/// What one collection did: CPython's statistics plus what experiments need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Collection {
    /// The generation collected (0, 1 or 2).
    pub generation: usize,
    /// Tracked objects examined (the working set).
    pub examined: usize,
    /// Objects found unreachable.
    pub unreachable: usize,
    /// Of those, made reachable again by a finalizer.
    pub resurrected: usize,
    /// Objects collected: unreachable minus resurrected (what `gc.collect()` returns).
    pub collected: usize,
    /// Objects that could not be collected (legacy finalizers; always 0 here).
    pub uncollectable: usize,
    /// Finalizers run.
    pub finalizers: usize,
    /// Weakref callbacks run.
    pub weakref_callbacks: usize,
    /// Time the collection took, in nanoseconds.
    pub pause_ns: u64,
    /// Bytes in use in the heap's allocator before and after.
    pub heap_bytes_before: usize,
    /// See `heap_bytes_before`.
    pub heap_bytes_after: usize,
}

/// The type registry, snapshotted for the collection.
type Types = [&'static TypeInfo];

/// Lists the collector reuses from one collection to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// One bit per object of the scan: tentatively unreachable.
    tentative: Vec<u64>,
    /// The unreachable objects a deduction finds.
    unreachable: Vec<NonNull<Header>>,
    /// A snapshot of the type registry (refreshed when types are added).
    types: Vec<&'static TypeInfo>,
}

/// How many objects ahead of the one being processed the collector prefetches the
/// headers of referents: far enough for memory to answer, near enough to stay cached.
const LOOKAHEAD: usize = 8;

/// Ask for the cache line of a header the collector is about to visit. A hint only.
#[inline(always)]
fn prefetch(h: NonNull<Header>) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` is part of SSE, which every x86_64 CPU has; a prefetch reads
    // nothing and cannot fault, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(h.as_ptr().cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = h;
}

/// The tracer that only prefetches the referents' headers.
pub(crate) struct Prefetch;

impl Tracer for Prefetch {
    #[inline(always)]
    fn visit(&mut self, obj: &ObjRef) {
        prefetch(obj.ptr);
    }
}

/// Collect generation `gen` and every younger one. The caller sets and clears the
/// re-entrancy guard (`collecting`).
pub(crate) fn collect_generation(core: &Core, gen: usize) -> Collection {
    let start = Instant::now();
    let heap_bytes_before = core.alloc.in_use_bytes();
    // The registry snapshot and buffers are reused: a collection allocates nothing on
    // the Rust side once they have grown.
    let mut types = core::mem::take(&mut core.scratch.borrow_mut().types);
    refresh_type_table(&mut types);
    let debug = core.debug.get();
    let runtime = Rc::clone(&core.runtime.borrow());
    if debug & crate::DEBUG_STATS != 0 {
        debug_stats_start(core, &*runtime, gen);
    }
    let old = (gen + 1).min(GENERATIONS - 1);
    let full = gen == GENERATIONS - 1;
    {
        let mut gens = core.gens.borrow_mut();
        if gen + 1 < GENERATIONS {
            gens[gen + 1].count += 1;
        }
        for g in &mut gens[..=gen] {
            g.count = 0;
        }
    }

    let mut table = gather(core, gen);
    let examined = table.live;
    let unreachable = deduce_unreachable(
        core,
        &types,
        &mut table,
        Members::Generations(gen),
        Some(full),
    );
    let survivors = table.live;
    if full {
        table.maybe_compact();
    } else {
        merge_survivors(core, &mut table, old);
    }
    core.gens.borrow_mut()[gen].table = table;
    let found = set_working_set(core, &unreachable);
    give_back(core, unreachable);
    release_deferred(core);
    if gen == GENERATIONS - 2 {
        let pending = core.long_lived_pending.get();
        core.long_lived_pending.set(pending + survivors);
    } else if full {
        core.long_lived_pending.set(0);
        core.long_lived_total.set(survivors);
    }

    if debug & crate::DEBUG_COLLECTABLE != 0 {
        debug_collectable(core, &types, &*runtime);
    }
    let (weakref_callbacks, weakrefs_freed) = crate::weakref::handle_weakrefs(core, old);
    let finalizers = finalize_garbage(core, &types);
    let resurrected = handle_resurrected_objects(core, &types, old);
    let collected = weakrefs_freed + core.work.borrow().live;
    delete_garbage(core, &types, old);

    if full {
        core.clear_free_lists();
    }
    let pause = start.elapsed();
    if debug & crate::DEBUG_STATS != 0 {
        runtime.debug_line(&format!(
            "gc: done, {} unreachable, 0 uncollectable, {:.4}s elapsed",
            collected,
            pause.as_secs_f64()
        ));
    }
    let outcome = Collection {
        generation: gen,
        examined,
        unreachable: found,
        resurrected,
        collected,
        uncollectable: 0,
        finalizers,
        weakref_callbacks,
        pause_ns: pause.as_nanos() as u64,
        heap_bytes_before,
        heap_bytes_after: core.alloc.in_use_bytes(),
    };
    let mut stats = core.gen_stats.borrow_mut();
    stats[gen].collections += 1;
    stats[gen].collected += outcome.collected;
    stats[gen].uncollectable += outcome.uncollectable;
    drop(stats);
    core.scratch.borrow_mut().types = types;
    outcome
}

/// Return a deduction's buffer of unreachable objects for the next one.
fn give_back(core: &Core, mut unreachable: Vec<NonNull<Header>>) {
    unreachable.clear();
    core.scratch.borrow_mut().unreachable = unreachable;
}

/// DEBUG_STATS at the start of a collection: the generation, then the size of each
/// generation (CPython's `show_stats_each_generations`).
fn debug_stats_start(core: &Core, runtime: &dyn crate::Runtime, gen: usize) {
    let gens = core.gens.borrow();
    let sizes = (0..GENERATIONS)
        .map(|g| gens[g].live().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let permanent = gens[crate::generation::PERMANENT].live();
    drop(gens);
    runtime.debug_line(&format!("gc: collecting generation {gen}..."));
    runtime.debug_line(&format!("gc: objects in each generation: {sizes}"));
    runtime.debug_line(&format!("gc: objects in permanent generation: {permanent}"));
}

/// DEBUG_COLLECTABLE: one line per unreachable object, `<type address>`.
fn debug_collectable(core: &Core, types: &Types, runtime: &dyn crate::Runtime) {
    let objects: Vec<NonNull<Header>> = core.work.borrow().objects().collect();
    for obj in objects {
        // SAFETY: working-set entries are live (no Python code ran since it was set).
        let info = types[unsafe { obj.as_ref() }.type_index as usize];
        // SAFETY: the object is live; its payload is of this type.
        let name = unsafe { (info.type_name)(obj) };
        runtime.debug_line(&format!(
            "gc: collectable <{name} {:#x}>",
            obj.as_ptr() as usize
        ));
    }
}

/// The oldest generation whose count exceeds its threshold — but a full collection
/// only once the objects that survived since the last one exceed 25% of those it left
/// (CPython's `gc_collect_generations`, issue #4074). `None` if no generation is due.
pub(crate) fn generation_due(core: &Core) -> Option<usize> {
    let gens = core.gens.borrow();
    (0..GENERATIONS).rev().find(|&g| {
        gens[g].count > gens[g].threshold
            && !(g == GENERATIONS - 1
                && core.long_lived_pending.get() < core.long_lived_total.get() / 4)
    })
}

/// Take generation `gen`'s table out, with the younger generations appended to it in
/// CPython's merge order (`gen`, then 0, 1, ...): the list a collection scans in place.
/// Only the appended objects' headers change (their slot and generation).
fn gather(core: &Core, gen: usize) -> Table {
    let mut gens = core.gens.borrow_mut();
    let mut table = core::mem::take(&mut gens[gen].table);
    for g in 0..gen {
        for obj in gens[g].table.drain() {
            // SAFETY: tables hold live objects; this one just left its table.
            unsafe { obj.as_ref() }.set_generation(gen);
            table.append(obj);
        }
    }
    table
}

/// Which objects a deduction works on, as seen from a reference to them.
#[derive(Clone, Copy)]
enum Members {
    /// Tracked objects of generation `g` or younger.
    Generations(usize),
    /// Objects marked COLLECTING (the unreachable set, when it is examined again).
    Collecting,
}

impl Members {
    #[inline(always)]
    fn contain(self, h: &Header) -> bool {
        match self {
            Members::Generations(g) => h.has(flag::TRACKED) && h.generation() <= g,
            Members::Collecting => h.has(flag::COLLECTING),
        }
    }
}

/// An object's `gc_refs`: references from outside the working set.
#[inline(always)]
fn gc_refs(h: &Header) -> u32 {
    // Saturating: a `traverse` that over-reports cannot underflow.
    h.refcnt.get().saturating_sub(h.gc_internal.get())
}

/// Steps 1–3 on `table`, which holds every object of `members` (and nothing else).
/// Afterwards `table` holds the survivors in CPython's order (with holes); survivors
/// that can no longer be in a cycle are untracked instead when `untrack` is
/// `Some(full)`. Returns the unreachable objects, taken out of `table`, in CPython's
/// order. This is CPython's `deduce_unreachable`.
///
/// The caller puts `table` back and then calls [`release_deferred`].
fn deduce_unreachable(
    core: &Core,
    types: &Types,
    table: &mut Table,
    members: Members,
    untrack: Option<bool>,
) -> Vec<NonNull<Header>> {
    core.traversing.set(true);
    let scattered = subtract_refs(types, table, members);
    let (mut tentative, mut out) = {
        let mut scratch = core.scratch.borrow_mut();
        (
            core::mem::take(&mut scratch.tentative),
            core::mem::take(&mut scratch.unreachable),
        )
    };
    let unreachable = move_unreachable(
        types,
        table,
        members,
        untrack,
        &mut tentative,
        scattered,
        &mut out,
    );
    core.traversing.set(false);
    core.scratch.borrow_mut().tentative = tentative;
    unreachable
}

/// Deallocations deferred while the collector traversed (a faulty `traverse`) happen
/// once every table is consistent again.
fn release_deferred(core: &Core) {
    let deferred = core.deferred.take();
    drop(deferred);
}

/// Steps 1 and 2: count, in each member's `gc_internal`, the references it gets from
/// the members of `table`. Reads the members' own headers, writes only the referents'.
///
/// It also measures the heap's locality on a sample of its references. A heap whose
/// references mostly jump far (a random graph) leaves the hardware prefetchers and the
/// TLB behind: then each reference is prefetched when visited and counted [`RING`]
/// visits later (order does not matter here), and the caller has `move_unreachable`
/// prefetch ahead too. Returns whether the heap is scattered.
fn subtract_refs(types: &Types, table: &Table, members: Members) -> bool {
    let mut count = Count {
        members,
        probe: Probe::default(),
        ring: [NonNull::dangling(); RING],
        pending: 0,
    };
    for obj in table.objects() {
        // SAFETY: table entries are live; nothing is freed while traversing.
        let h = unsafe { obj.as_ref() };
        count.probe.next_object();
        // SAFETY: as above; the object's payload is of its registered type.
        unsafe { (types[h.type_index as usize].traverse_count)(obj, &mut count) };
    }
    for i in count.pending.saturating_sub(RING)..count.pending {
        count_one(count.ring[i % RING], members);
    }
    count.probe.scattered == Some(true)
}

/// `subtract_refs`'s tracer.
impl Count {
    #[inline(never)]
    fn visit_run(&mut self, objs: &[ObjRef]) {
        for obj in objs {
            self.visit(obj);
        }
    }
}

pub(crate) struct Count {
    members: Members,
    probe: Probe,
    ring: [NonNull<Header>; RING],
    pending: usize,
}

impl Tracer for Count {
    /// Out of line, so that traversing an object with no references (an empty
    /// container) costs next to nothing.
    #[inline(always)]
    fn visit_all(&mut self, objs: &[ObjRef]) {
        if !objs.is_empty() {
            self.visit_run(objs);
        }
    }

    #[inline(always)]
    fn visit(&mut self, obj: &ObjRef) {
        let r = obj.ptr;
        match self.probe.scattered {
            None => {
                self.probe.observe(r);
                count_one(r, self.members);
            }
            Some(false) => count_one(r, self.members),
            Some(true) => {
                prefetch(r);
                let slot = &mut self.ring[self.pending % RING];
                if self.pending >= RING {
                    count_one(*slot, self.members);
                }
                *slot = r;
                self.pending += 1;
            }
        }
    }
}

/// Count one reference from inside the set.
#[inline(always)]
fn count_one(r: NonNull<Header>, members: Members) {
    // SAFETY: a referent of a live object is live; nothing is freed while traversing.
    let h = unsafe { r.as_ref() };
    if members.contain(h) {
        h.gc_internal.set(h.gc_internal.get() + 1);
    }
}

/// References `subtract_refs` samples before deciding whether the heap is scattered:
/// the first [`PROBE_PER_OBJECT`] of each object's, so that one large container cannot
/// stand for the whole heap.
const PROBE_EDGES: usize = 2048;
const PROBE_PER_OBJECT: usize = 2;
/// Distance between consecutive referents that counts as a jump.
const FAR: usize = 64 << 10;
/// How many visits `subtract_refs` delays processing a prefetched referent.
const RING: usize = 16;

/// Measures how often consecutive sampled references jump far apart.
#[derive(Default)]
struct Probe {
    last: usize,
    edges: usize,
    far: usize,
    /// References of the current object seen so far.
    this_object: usize,
    /// Decided after `PROBE_EDGES` samples: whether most jumped far.
    scattered: Option<bool>,
}

impl Probe {
    #[inline(always)]
    fn next_object(&mut self) {
        self.this_object = 0;
    }

    #[inline(always)]
    fn observe(&mut self, r: NonNull<Header>) {
        if self.this_object >= PROBE_PER_OBJECT || self.scattered.is_some() {
            return;
        }
        self.this_object += 1;
        let addr = r.as_ptr() as usize;
        self.far += usize::from(addr.abs_diff(self.last) > FAR);
        self.last = addr;
        self.edges += 1;
        if self.edges == PROBE_EDGES {
            self.scattered = Some(2 * self.far > self.edges);
        }
    }
}

/// Step 3, CPython's `move_unreachable`: one scan of `table`, in place, which grows as
/// tentatively unreachable objects are rescued. On a `scattered` heap it prefetches the
/// referents of the object [`LOOKAHEAD`] places ahead (a hint: the scan's order is
/// CPython's).
///
/// CPython moves a tentatively unreachable object to the unreachable list (a header
/// write) and back to the end of the list it scans when it is rescued. Here
/// "tentatively unreachable" is a bit per entry, so passing such an object writes
/// nothing; a rescued object moves to the end of `table` (a hole stays behind), as it
/// does in CPython. A reachable object's header is written only to zero its
/// `gc_internal` (the count is zero between collections), and not at all when that is
/// zero already. The objects whose bits stay set are unreachable: they are taken out
/// of `table`, in scan order, which is CPython's list order.
fn move_unreachable(
    types: &Types,
    table: &mut Table,
    members: Members,
    untrack: Option<bool>,
    tentative: &mut Vec<u64>,
    scattered: bool,
    out: &mut Vec<NonNull<Header>>,
) -> Vec<NonNull<Header>> {
    let n = table.len();
    // Rescues append, at most one per entry: no reallocation mid-scan.
    table.reserve(n);
    tentative.clear();
    tentative.resize(n.div_ceil(64), 0);
    let mut mark = Mark {
        table: core::mem::take(table),
        members,
        first_pass: n,
        tentative: core::mem::take(tentative),
    };
    let mut pos = 0;
    while pos < mark.table.len() {
        let at = pos;
        pos += 1;
        let Some(obj) = mark.table.get(at) else {
            continue; // a hole
        };
        if scattered {
            prefetch_ahead(types, &mark.table, at + LOOKAHEAD);
        }
        // SAFETY: table entries are live; nothing is freed while traversing.
        let h = unsafe { obj.as_ref() };
        if gc_refs(h) == 0 {
            // Tentatively unreachable, until something scanned later refers to it. (A
            // rescued object always has gc_refs > 0, so `at` is in the first pass.)
            mark.tentative[at / 64] |= 1 << (at % 64);
            continue;
        }
        // Reachable: what it refers to is reachable too.
        // SAFETY: as above; the object's payload is of its registered type.
        unsafe { (types[h.type_index as usize].traverse_mark)(obj, &mut mark) };
        if h.gc_internal.get() != 0 {
            h.gc_internal.set(0);
        }
        if untrack.is_some_and(|full| survivor_untracks(types, obj, full)) {
            h.unset(flag::TRACKED);
            mark.table.take(at);
        }
    }
    *table = mark.table;
    let bits = mark.tentative;
    let mut unreachable = core::mem::take(out);
    unreachable.clear();
    for (w, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            let i = w * 64 + word.trailing_zeros() as usize;
            unreachable.extend(table.take(i));
            word &= word - 1;
        }
    }
    *tentative = bits;
    unreachable
}

/// In `move_unreachable`: prefetch the referents of entry `at` if that object will be
/// traversed when the scan reaches it (its `gc_refs` is already positive).
#[inline(always)]
fn prefetch_ahead(types: &Types, table: &Table, at: usize) {
    if let Some(obj) = table.get(at) {
        // SAFETY: table entries are live; the tracer only prefetches.
        unsafe {
            let h = obj.as_ref();
            if gc_refs(h) > 0 {
                (types[h.type_index as usize].traverse_prefetch)(obj, &mut Prefetch);
            }
        }
    }
}

/// `move_unreachable`'s tracer: marks the referents of a reachable object reachable,
/// rescuing the tentatively unreachable ones.
impl Mark {
    #[inline(never)]
    fn visit_run(&mut self, objs: &[ObjRef]) {
        for obj in objs {
            self.visit(obj);
        }
    }
}

pub(crate) struct Mark {
    /// The table being scanned (taken out of the caller's while the scan runs).
    table: Table,
    members: Members,
    /// Entries below this were in the table when the scan began; only they can be
    /// tentatively unreachable.
    first_pass: usize,
    tentative: Vec<u64>,
}

impl Tracer for Mark {
    /// Out of line, so that traversing an object with no references (an empty
    /// container) costs next to nothing.
    #[inline(always)]
    fn visit_all(&mut self, objs: &[ObjRef]) {
        if !objs.is_empty() {
            self.visit_run(objs);
        }
    }

    #[inline(always)]
    fn visit(&mut self, obj: &ObjRef) {
        let rh = obj.header();
        if !self.members.contain(rh) {
            return; // another generation, or untracked
        }
        let j = self.table.index_of(rh);
        if j < self.first_pass {
            let bit = 1u64 << (j % 64);
            if self.tentative[j / 64] & bit != 0 {
                // Reachable after all: to the end of the list being scanned.
                self.tentative[j / 64] &= !bit;
                rh.gc_internal.set(0); // gc_refs = refcount > 0
                self.table.move_to_end(j);
                return;
            }
        }
        if gc_refs(rh) == 0 {
            // Not scanned yet: it will be, as reachable.
            rh.gc_internal.set(0);
        }
    }
}

/// CPython's `untrack_tuples` / `untrack_dicts`: whether a survivor can no longer be
/// part of a cycle and leaves the collector.
#[inline]
fn survivor_untracks(types: &Types, obj: NonNull<Header>, full: bool) -> bool {
    // SAFETY: the object is live.
    let info = types[unsafe { obj.as_ref() }.type_index as usize];
    let asked = match info.untrack {
        Untrack::Never => false,
        Untrack::EveryCollection => true,
        Untrack::FullCollection => full,
    };
    // SAFETY: the object is live; its payload is of this type.
    asked && unsafe { (info.can_untrack)(obj) }
}

/// Survivors join generation `old`, in order, after its own objects (CPython's
/// `gc_list_merge(young, old)`); leaves `from` empty.
fn merge_survivors(core: &Core, from: &mut Table, old: usize) {
    let mut gens = core.gens.borrow_mut();
    for obj in from.drain() {
        // SAFETY: the survivor is live and just left its table.
        unsafe {
            obj.as_ref().unset(flag::TRACKED | flag::COLLECTING);
            gens[old].push(obj, old);
        }
    }
}

/// Make the unreachable objects (live, out of every table) the working set, in order,
/// marked COLLECTING. Returns how many there are.
fn set_working_set(core: &Core, objects: &[NonNull<Header>]) -> usize {
    let mut work = core.work.borrow_mut();
    debug_assert_eq!(work.live, 0);
    drop(work.drain());
    for &obj in objects {
        // SAFETY: the objects are live.
        let h = unsafe { obj.as_ref() };
        h.gc_internal.set(0);
        h.set(flag::COLLECTING);
        work.append(obj);
    }
    work.live
}

/// Step 4: run the finalizers of the unreachable objects that have one and have not run
/// it (CPython's `finalize_garbage`); returns how many ran. Python code runs here.
fn finalize_garbage(core: &Core, types: &Types) -> usize {
    let runtime = Rc::clone(&core.runtime.borrow());
    let mut ran = 0;
    each_in_work(core, |_, obj| {
        // SAFETY: working-set entries are live.
        let h = unsafe { obj.as_ref() };
        let info = types[h.type_index as usize];
        // SAFETY: the object is live; its payload is of this type.
        if !h.has(flag::FINALIZED) && unsafe { (info.has_finalizer)(obj) } {
            h.set(flag::FINALIZED);
            // SAFETY: the object is live; the handle counts its own reference.
            let handle = unsafe { ObjRef::from_borrowed(obj) };
            let outcome = runtime.finalize(&handle);
            crate::runtime::report(&*runtime, crate::Unraisable::Finalizer(&handle), outcome);
            drop(handle);
            ran += 1;
        }
    });
    ran
}

/// Visit the working set's objects in order, with their index. The set is read again at
/// every step: a visit runs Python code, which may free objects of the set (their
/// entries become `None` and are skipped).
fn each_in_work(core: &Core, mut visit: impl FnMut(usize, NonNull<Header>)) {
    let mut i = 0;
    loop {
        let (len, next) = {
            let work = core.work.borrow();
            (work.len(), work.get(i))
        };
        if i >= len {
            break;
        }
        if let Some(obj) = next {
            visit(i, obj);
        }
        i += 1;
    }
}

/// Step 5: steps 1–3 again on what is left of the unreachable set; objects a finalizer
/// made reachable (and what they reach) survive into generation `old`. Returns how many.
fn handle_resurrected_objects(core: &Core, types: &Types, old: usize) -> usize {
    // The objects are COLLECTING with `gc_internal` zero already. CPython's re-run is a
    // bare deduce_unreachable: it untracks nothing.
    let mut left = core::mem::take(&mut *core.work.borrow_mut());
    let unreachable = deduce_unreachable(core, types, &mut left, Members::Collecting, None);
    let resurrected = left.live;
    merge_survivors(core, &mut left, old);
    *core.work.borrow_mut() = left;
    set_working_set(core, &unreachable);
    give_back(core, unreachable);
    release_deferred(core);
    resurrected
}

/// Step 6: break the cycles. Clear each object still unreachable (`tp_clear`) so that
/// refcounting frees the set; one still alive afterwards moves to generation `old`
/// (CPython's `delete_garbage`). With DEBUG_SAVEALL nothing is cleared: the runtime keeps
/// every object in `gc.garbage`.
fn delete_garbage(core: &Core, types: &Types, old: usize) {
    let runtime = Rc::clone(&core.runtime.borrow());
    let save_all = core.debug.get() & crate::DEBUG_SAVEALL != 0;
    each_in_work(core, |i, obj| {
        {
            // SAFETY: working-set entries are live; the handle counts its own reference.
            let handle = unsafe { ObjRef::from_borrowed(obj) };
            if save_all {
                runtime.save_garbage(&handle);
            } else {
                let info = types[handle.header().type_index as usize];
                // SAFETY: the object is live (the handle holds it); its payload is of
                // this type.
                unsafe { (info.clear)(obj) };
            }
        }
        if core.work.borrow().get(i) == Some(obj) {
            // Still alive (something outside still holds it): it may die later.
            core.work.borrow_mut().take(i);
            // SAFETY: the object is live (it is still in the working set).
            let h = unsafe { obj.as_ref() };
            h.unset(flag::COLLECTING | flag::TRACKED);
            // SAFETY: live and no longer tracked.
            unsafe { core.gens.borrow_mut()[old].push(obj, old) };
        }
    });
    drop(core.work.borrow_mut().drain());
}
