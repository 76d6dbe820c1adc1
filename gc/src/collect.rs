//! CPython's generational cycle collector (Modules/gcmodule.c, 3.11), phase by phase.
//!
//! Read [`collect_generation`] to understand how a collection works: it calls one
//! function per phase, under CPython's names, in CPython's order:
//!
//! 1. `gather`: the generations being collected become the *working set* — generation
//!    `g` first, then the younger ones, in the order CPython merges its lists. Each
//!    object gets the COLLECTING flag and its index in the set (`gc_slot`).
//! 2. `update_refs`: `gc_refs` (a side array, indexed like the set) = refcount.
//! 3. `subtract_refs`: every reference from one object of the set to another is
//!    subtracted; what remains counts references from outside the set.
//! 4. `move_unreachable`: CPython's single scan. An object with `gc_refs > 0` is
//!    reachable: traverse it and rescue what it refers to. One with `gc_refs == 0` is
//!    tentatively unreachable until something scanned later rescues it (then it is
//!    appended to the reachable list, as CPython appends it to `young`).
//! 5. The reachable objects survive into the next generation, in that order (tuples,
//!    and in full collections dicts, that hold nothing trackable are untracked first).
//! 6. `finalize_garbage`: the unreachable objects' finalizers run (once ever, PEP 442),
//!    in order. Python code runs here: objects may die, new ones may be made.
//! 7. `handle_resurrected_objects`: steps 2–4 again on the unreachable set alone; what a
//!    finalizer made reachable again survives into the next generation.
//! 8. `delete_garbage`: `tp_clear` on each object still unreachable, which breaks the
//!    cycles so that refcounting frees them; an object still alive afterwards moves to
//!    the next generation.
//!
//! The collection returns the number of objects found unreachable, less those
//! resurrected. Weak references are handled between steps 5 and 6 (to come).
//!
//! While the collector only traverses (steps 2–4), nothing may free an object under it:
//! the trashcan depth is raised to its limit, so a deallocation a faulty `traverse`
//! triggers is parked and done when the pass ends. The collector's own arrays (the
//! working set, `gc_refs`) are collector metadata, allocated outside the heap.

use core::ptr::NonNull;
use std::rc::Rc;
use std::time::Instant;

use crate::generation::GENERATIONS;
use crate::header::{flag, Header};
use crate::heap::{drain_trash, type_info, Core, TRASHCAN_UNWIND_LEVEL};
use crate::object::{ObjRef, Untrack, Visit};

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

const NOT_UNREACHABLE: u32 = u32::MAX;

/// Collect generation `gen` and every younger one. The caller sets and clears the
/// re-entrancy guard (`collecting`).
pub(crate) fn collect_generation(core: &Core, gen: usize) -> Collection {
    let start = Instant::now();
    let heap_bytes_before = core.alloc.in_use_bytes();
    let old = (gen + 1).min(GENERATIONS - 1);
    {
        let mut gens = core.gens.borrow_mut();
        if gen + 1 < GENERATIONS {
            gens[gen + 1].count += 1;
        }
        for g in &mut gens[..=gen] {
            g.count = 0;
        }
    }
    let examined = gather(core, gen);
    let (reachable, unreachable) = deduce_unreachable(core);

    untrack_survivors(&reachable, gen == GENERATIONS - 1);
    let survivors = promote(core, &reachable, old);
    if gen == GENERATIONS - 2 {
        let pending = core.long_lived_pending.get();
        core.long_lived_pending.set(pending + survivors);
    } else if gen == GENERATIONS - 1 {
        core.long_lived_pending.set(0);
        core.long_lived_total.set(core.gens.borrow()[old].live);
    }
    set_working_set(core, &unreachable);

    let finalizers = finalize_garbage(core);
    let resurrected = handle_resurrected_objects(core, old);
    let collected = core.work.borrow().iter().flatten().count();
    delete_garbage(core, old);

    let outcome = Collection {
        generation: gen,
        examined,
        unreachable: unreachable.len(),
        resurrected,
        collected,
        uncollectable: 0,
        finalizers,
        weakref_callbacks: 0,
        pause_ns: start.elapsed().as_nanos() as u64,
        heap_bytes_before,
        heap_bytes_after: core.alloc.in_use_bytes(),
    };
    let mut stats = core.gen_stats.borrow_mut();
    stats[gen].collections += 1;
    stats[gen].collected += outcome.collected;
    stats[gen].uncollectable += outcome.uncollectable;
    outcome
}

/// Collect the oldest generation whose count exceeds its threshold — but a full
/// collection only once the objects that survived since the last one exceed 25% of
/// those it left (CPython's `gc_collect_generations`, issue #4074). `None` if no
/// generation is due.
pub(crate) fn collect_generations(core: &Core) -> Option<Collection> {
    let due = {
        let gens = core.gens.borrow();
        (0..GENERATIONS).rev().find(|&g| {
            gens[g].count > gens[g].threshold
                && !(g == GENERATIONS - 1
                    && core.long_lived_pending.get() < core.long_lived_total.get() / 4)
        })
    };
    due.map(|g| collect_generation(core, g))
}

/// Move generation `gen` and the younger ones into the working set; returns its size.
fn gather(core: &Core, gen: usize) -> usize {
    let mut work = core.work.borrow_mut();
    debug_assert!(work.is_empty(), "a collection is already under way");
    let mut gens = core.gens.borrow_mut();
    for g in core::iter::once(gen).chain(0..gen) {
        let table = &mut gens[g];
        for obj in table.slots.drain(..).flatten() {
            // SAFETY: tables hold live tracked objects.
            let h = unsafe { obj.as_ref() };
            h.gc_slot.set(work.len() as u32);
            h.set(flag::COLLECTING);
            work.push(Some(obj));
        }
        table.live = 0;
    }
    work.len()
}

/// Make `objects` (live, COLLECTING) the working set, in order.
fn set_working_set(core: &Core, objects: &[NonNull<Header>]) {
    let mut work = core.work.borrow_mut();
    work.clear();
    for &obj in objects {
        // SAFETY: the objects are live members of the working set.
        unsafe { obj.as_ref() }.gc_slot.set(work.len() as u32);
        work.push(Some(obj));
    }
}

/// Move objects out of the working set into generation `gen`, in order; returns how
/// many moved (objects untracked meanwhile are skipped).
fn promote(core: &Core, objects: &[NonNull<Header>], gen: usize) -> usize {
    let mut work = core.work.borrow_mut();
    let mut gens = core.gens.borrow_mut();
    let mut moved = 0;
    for &obj in objects {
        // SAFETY: the list holds objects that were live members of the working set; an
        // object untracked since lost its COLLECTING flag and is skipped.
        let h = unsafe { obj.as_ref() };
        if !h.has(flag::COLLECTING) {
            continue;
        }
        work[h.gc_slot.get() as usize] = None;
        h.unset(flag::COLLECTING | flag::TRACKED);
        // SAFETY: the object is live and no longer tracked.
        unsafe { gens[gen].push(obj, gen) };
        moved += 1;
    }
    moved
}

/// CPython's `untrack_tuples` / `untrack_dicts`: survivors that can no longer be part of
/// a cycle leave the collector.
fn untrack_survivors(survivors: &[NonNull<Header>], full: bool) {
    for &obj in survivors {
        // SAFETY: survivors are live members of the working set.
        let h = unsafe { obj.as_ref() };
        let info = type_info(h.type_index);
        let asked = match info.untrack {
            Untrack::Never => false,
            Untrack::EveryCollection => true,
            Untrack::FullCollection => full,
        };
        // SAFETY: the object is live and its payload is of this type.
        if asked && unsafe { (info.can_untrack)(obj) } {
            // Leaves the working set; `promote` skips it.
            h.unset(flag::COLLECTING | flag::TRACKED);
        }
    }
}

/// Raises the trashcan depth to its limit while the collector traverses, so that no
/// object is freed under it; parked deallocations happen when the guard drops.
struct TraversalGuard<'a> {
    core: &'a Core,
    depth: u32,
}

impl<'a> TraversalGuard<'a> {
    fn new(core: &'a Core) -> Self {
        let depth = core.nesting.get();
        core.nesting.set(TRASHCAN_UNWIND_LEVEL);
        TraversalGuard { core, depth }
    }
}

impl Drop for TraversalGuard<'_> {
    fn drop(&mut self) {
        self.core.nesting.set(self.depth);
        if self.depth == 0 {
            drain_trash(self.core);
        }
    }
}

/// Traverse a live object's payload, calling `f` with each referent.
///
/// # Safety
/// `obj` is live.
#[inline]
unsafe fn traverse(obj: NonNull<Header>, f: &mut dyn FnMut(NonNull<Header>)) {
    // SAFETY: the caller guarantees the object is live.
    let info = type_info(unsafe { obj.as_ref() }.type_index);
    // SAFETY: as above; its payload is of this type.
    unsafe { (info.traverse)(obj, &mut Visit::new(f)) }
}

/// Steps 2–4 on the working set: split it into reachable and unreachable objects, each
/// in CPython's order (CPython's `deduce_unreachable`).
fn deduce_unreachable(core: &Core) -> (Vec<NonNull<Header>>, Vec<NonNull<Header>>) {
    let guard = TraversalGuard::new(core);
    let n = core.work.borrow().len();
    let slot_of = |i: usize| core.work.borrow()[i];

    // update_refs
    let mut refs: Vec<i64> = (0..n)
        // SAFETY: working-set entries are live.
        .map(|i| slot_of(i).map_or(0, |p| i64::from(unsafe { p.as_ref() }.refcnt.get())))
        .collect();

    // subtract_refs
    for i in 0..n {
        if let Some(obj) = slot_of(i) {
            // SAFETY: the object is live (parked objects leave the set).
            unsafe {
                traverse(obj, &mut |r| {
                    // SAFETY: a referent of a live object is live (or parked, not freed).
                    let h = r.as_ref();
                    if h.has(flag::COLLECTING) {
                        refs[h.gc_slot.get() as usize] -= 1;
                    }
                })
            };
        }
    }

    // move_unreachable
    let mut young: Vec<u32> = (0..n as u32)
        .filter(|&i| slot_of(i as usize).is_some())
        .collect();
    let mut scanned = vec![false; n];
    let mut unreachable_pos = vec![NOT_UNREACHABLE; n];
    let mut unreachable: Vec<u32> = Vec::new();
    let mut reachable: Vec<u32> = Vec::with_capacity(n);
    let mut pos = 0;
    while pos < young.len() {
        let i = young[pos] as usize;
        pos += 1;
        let Some(obj) = slot_of(i) else { continue };
        if refs[i] > 0 {
            // SAFETY: the object is live.
            unsafe {
                traverse(obj, &mut |r| {
                    // SAFETY: a referent of a live object is live (or parked).
                    let h = r.as_ref();
                    if !h.has(flag::COLLECTING) {
                        return; // another generation, or untracked
                    }
                    let j = h.gc_slot.get() as usize;
                    if scanned[j] {
                        return;
                    }
                    let at = unreachable_pos[j];
                    if at != NOT_UNREACHABLE {
                        // Tentatively unreachable, but reachable after all: back to
                        // the end of the young list, to be scanned in turn.
                        unreachable[at as usize] = NOT_UNREACHABLE;
                        unreachable_pos[j] = NOT_UNREACHABLE;
                        young.push(j as u32);
                        refs[j] = 1;
                    } else if refs[j] == 0 {
                        refs[j] = 1;
                    }
                })
            };
            scanned[i] = true;
            reachable.push(i as u32);
        } else {
            unreachable_pos[i] = unreachable.len() as u32;
            unreachable.push(i as u32);
        }
    }
    let objects = |list: Vec<u32>| -> Vec<NonNull<Header>> {
        list.into_iter()
            .filter(|&i| i != NOT_UNREACHABLE)
            .filter_map(|i| slot_of(i as usize))
            .collect()
    };
    let split = (objects(reachable), objects(unreachable));
    drop(guard);
    split
}

/// Run the finalizers of the unreachable objects that have one and have not run it
/// (CPython's `finalize_garbage`); returns how many ran. Python code runs here.
fn finalize_garbage(core: &Core) -> usize {
    let runtime = Rc::clone(&core.runtime.borrow());
    let mut ran = 0;
    let mut i = 0;
    loop {
        let next = core.work.borrow().get(i).copied();
        let Some(slot) = next else { break };
        i += 1;
        let Some(obj) = slot else { continue };
        // SAFETY: working-set entries are live.
        let h = unsafe { obj.as_ref() };
        let info = type_info(h.type_index);
        // SAFETY: the object is live; its payload is of this type.
        if !h.has(flag::FINALIZED) && unsafe { (info.has_finalizer)(obj) } {
            h.set(flag::FINALIZED);
            // SAFETY: the object is live; the handle counts its own reference.
            let handle = unsafe { ObjRef::from_borrowed(obj) };
            runtime.finalize(&handle);
            drop(handle);
            ran += 1;
        }
    }
    ran
}

/// Steps 2–4 again on what is left of the unreachable set: objects a finalizer made
/// reachable (and what they reach) survive into generation `old`. Returns how many.
fn handle_resurrected_objects(core: &Core, old: usize) -> usize {
    let left: Vec<NonNull<Header>> = core.work.borrow().iter().flatten().copied().collect();
    set_working_set(core, &left);
    let (resurrected, still_unreachable) = deduce_unreachable(core);
    let moved = promote(core, &resurrected, old);
    set_working_set(core, &still_unreachable);
    moved
}

/// Break the cycles: clear each object still unreachable (`tp_clear`) so that
/// refcounting frees the set; one still alive afterwards moves to generation `old`
/// (CPython's `delete_garbage`). With DEBUG_SAVEALL nothing is cleared: the runtime keeps
/// every object in `gc.garbage`.
fn delete_garbage(core: &Core, old: usize) {
    let runtime = Rc::clone(&core.runtime.borrow());
    let save_all = core.debug.get() & crate::DEBUG_SAVEALL != 0;
    let mut i = 0;
    loop {
        let next = core.work.borrow().get(i).copied();
        let Some(slot) = next else { break };
        i += 1;
        let Some(obj) = slot else { continue };
        {
            // SAFETY: working-set entries are live; the handle counts its own reference.
            let handle = unsafe { ObjRef::from_borrowed(obj) };
            if save_all {
                runtime.save_garbage(&handle);
            } else {
                let info = type_info(handle.header().type_index);
                // SAFETY: the object is live (the handle holds it); its payload is of
                // this type.
                unsafe { (info.clear)(obj) };
            }
        }
        if core.work.borrow()[i - 1] == Some(obj) {
            // Still alive (something outside still holds it): it may die later.
            promote(core, &[obj], old);
        }
    }
    core.work.borrow_mut().clear();
}
