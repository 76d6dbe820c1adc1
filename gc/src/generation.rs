//! Generations: the tables of tracked objects.
//!
//! CPython links tracked objects into a doubly linked list per generation through the
//! 16-byte `PyGC_Head` in front of each object. Here a generation is a [`Table`]: a
//! dense array of object pointers, and a tracked object's header holds its slot number
//! (`gc_slot`): 4 bytes per object instead of 16, and the collector's passes stream
//! through an array instead of chasing links.
//!
//! Removing an object leaves a hole (`None`), so the order of a table is always the
//! order in which objects were appended — CPython's list order, which decides the order
//! of finalizers and weakref callbacks. Holes at the end are popped when a generation
//! loses an object (the newest objects die first, so a table of short-lived objects
//! stays as short as their number). Holes at the front are dropped once they are
//! half the table; the rest are squeezed out (order kept, slots renumbered) when they outnumber the live
//! entries, so a table stays within about twice its live size.
//!
//! Slot numbers are relative to a base that moves as holes leave the front: entry `i`
//! holds the object whose `gc_slot` is `base + i` (wrapping 32-bit arithmetic, so the
//! base never needs resetting). Dropping a million leading holes — what a collection of
//! a heap built children first leaves — then writes no header.
//!
//! Invariant: for every `Some(p)` at index `i` of a table, `p` is a live object whose
//! `gc_slot` is `base + i`; `live` counts them. In generation `g`'s table every object
//! also has TRACKED set and generation `g` in its header; the collector's working set
//! (`Core::work`) holds objects with COLLECTING set instead.

use core::ptr::NonNull;

use crate::header::{flag, Header};

/// Generation 0, 1, 2 and the permanent generation of `gc.freeze()`.
pub(crate) const GENERATIONS: usize = 3;
/// Index of the permanent generation.
pub(crate) const PERMANENT: usize = 3;
/// Tables are never compacted below this many slots.
const MIN_COMPACT: usize = 256;

/// An ordered list of live objects, each knowing its slot (see the module docs).
#[derive(Default)]
pub(crate) struct Table {
    slots: Vec<Option<NonNull<Header>>>,
    base: u32,
    /// Objects in `slots` (the entries that are not holes).
    pub live: usize,
}

impl Table {
    /// Entries, holes included.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Entry `i`: an object, or `None` for a hole or past the end.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<NonNull<Header>> {
        self.slots.get(i).copied().flatten()
    }

    /// The index of the entry of `h`, an object of this table.
    #[inline(always)]
    pub fn index_of(&self, h: &Header) -> usize {
        h.gc_slot.get().wrapping_sub(self.base) as usize
    }

    /// Append a live object that is in no table, giving it the next slot. Never
    /// compacts, so indices stay valid (the collector appends while it scans).
    #[inline(always)]
    pub fn append(&mut self, obj: NonNull<Header>) {
        let slot = u32::try_from(self.slots.len()).unwrap_or_else(|_| too_many());
        // SAFETY: the caller's object is live.
        unsafe { obj.as_ref() }
            .gc_slot
            .set(self.base.wrapping_add(slot));
        self.slots.push(Some(obj));
        self.live += 1;
    }

    /// Take the object at entry `i` out, leaving a hole.
    #[inline(always)]
    pub fn take(&mut self, i: usize) -> Option<NonNull<Header>> {
        let obj = self.slots.get_mut(i)?.take();
        self.live -= usize::from(obj.is_some());
        obj
    }

    /// Move the object at entry `i` to the end, leaving a hole.
    #[inline(always)]
    pub fn move_to_end(&mut self, i: usize) {
        if let Some(obj) = self.take(i) {
            self.append(obj);
        }
    }

    /// Remove the object `h`, an object of this table. Indices stay valid (the
    /// collector walks its working set by index while objects of it die).
    #[inline]
    pub fn remove(&mut self, h: &Header) {
        let taken = self.take(self.index_of(h));
        debug_assert!(taken.is_some_and(|p| core::ptr::eq(p.as_ptr(), h)));
    }

    /// Remove the object `h`, an object of this table, and then the holes at the end:
    /// an object that dies young is usually the newest of its generation, so the
    /// table shrinks back instead of filling with holes that a compaction must squeeze
    /// out later. Indices past the last live entry become free; callers that walk a
    /// table by index use [`Table::remove`].
    #[inline]
    pub fn remove_shrinking(&mut self, h: &Header) {
        self.remove(h);
        while let Some(None) = self.slots.last() {
            self.slots.pop();
        }
    }

    /// Drop the holes at the front (no header changes: the base moves) once they are
    /// at least half the table, so the entries moved are paid for by the removals.
    pub fn trim_front(&mut self) {
        let holes = self.slots.iter().take_while(|s| s.is_none()).count();
        if holes > 0 && 2 * holes >= self.slots.len() {
            self.slots.drain(..holes);
            self.base = self.base.wrapping_add(holes as u32);
        }
    }

    /// Make room for `extra` more entries without reallocating.
    pub fn reserve(&mut self, extra: usize) {
        self.slots.reserve(extra);
    }

    /// Squeeze the holes out if they outnumber the live entries (amortized: each
    /// compaction follows at least as many removals as it renumbers objects).
    pub fn maybe_compact(&mut self) {
        self.trim_front();
        if self.is_sparse() {
            self.compact();
        }
    }

    /// Whether holes outnumber the live entries (and the table is worth compacting).
    #[inline(always)]
    fn is_sparse(&self) -> bool {
        self.slots.len() >= MIN_COMPACT && self.slots.len() >= 2 * self.live + 2
    }

    /// Squeeze out the holes, keeping the order, and renumber the slots.
    pub fn compact(&mut self) {
        self.slots.retain(Option::is_some);
        self.base = 0;
        for (i, obj) in self.slots.iter().enumerate() {
            let obj = obj.expect("holes were removed");
            // SAFETY: every entry of the table is a live object (invariant).
            unsafe { obj.as_ref() }.gc_slot.set(i as u32);
        }
        debug_assert_eq!(self.slots.len(), self.live);
    }

    /// The live objects, in order.
    pub fn objects(&self) -> impl Iterator<Item = NonNull<Header>> + '_ {
        self.slots.iter().flatten().copied()
    }

    /// Take every object out, in order; the table keeps its capacity.
    pub fn drain(&mut self) -> impl Iterator<Item = NonNull<Header>> + '_ {
        self.live = 0;
        self.base = 0;
        self.slots.drain(..).flatten()
    }

    /// Bytes the table takes (collector metadata, outside the heap's allocator).
    pub fn table_bytes(&self) -> usize {
        self.slots.capacity() * core::mem::size_of::<Option<NonNull<Header>>>()
    }
}

/// One generation's table and counters.
pub(crate) struct Generation {
    pub table: Table,
    /// CPython's `count`: for generation 0, GC-capable allocations minus deallocations
    /// since its last collection; for older ones, collections of the younger
    /// generation since their last.
    pub count: usize,
    pub threshold: usize,
}

impl Generation {
    pub fn new(threshold: usize) -> Self {
        Generation {
            table: Table::default(),
            count: 0,
            threshold,
        }
    }

    /// Objects tracked in this generation.
    pub fn live(&self) -> usize {
        self.table.live
    }

    /// Append a live object that is in no table, tracking it in generation `gen`.
    ///
    /// # Safety
    /// `obj` is live and in no table.
    #[inline]
    pub unsafe fn push(&mut self, obj: NonNull<Header>, gen: usize) {
        if self.table.is_sparse() {
            self.table.compact();
        }
        // SAFETY: the caller guarantees `obj` is live.
        let h = unsafe { obj.as_ref() };
        h.set_generation(gen);
        h.set(flag::TRACKED);
        self.table.append(obj);
    }

    /// Remove a tracked object of this generation.
    #[inline]
    pub fn remove(&mut self, h: &Header) {
        debug_assert!(h.has(flag::TRACKED));
        self.table.remove_shrinking(h);
        h.unset(flag::TRACKED);
    }
}

#[cold]
fn too_many() -> ! {
    // 2^32 tracked objects would take over 64 GiB of headers alone.
    panic!("more than 2^32 objects in one table")
}

#[cfg(test)]
mod tests {
    use core::cell::Cell;

    use super::*;

    fn headers(n: usize) -> Vec<Box<Header>> {
        (0..n)
            .map(|_| {
                Box::new(Header {
                    refcnt: Cell::new(1),
                    flags: Cell::new(0),
                    type_index: 0,
                    gc_slot: Cell::new(0),
                    gc_internal: Cell::new(0),
                })
            })
            .collect()
    }

    fn ptr(h: &Header) -> NonNull<Header> {
        NonNull::from(h)
    }

    /// Every object's slot finds its entry.
    fn check(table: &Table) {
        for (i, obj) in table.slots.iter().enumerate() {
            if let Some(obj) = obj {
                // SAFETY: the test's headers outlive the table.
                assert_eq!(table.index_of(unsafe { obj.as_ref() }), i);
            }
        }
        assert_eq!(table.live, table.objects().count());
    }

    #[test]
    fn slots_survive_a_base_that_wraps() {
        let hs = headers(8);
        let mut table = Table {
            base: u32::MAX - 3,
            ..Table::default()
        };
        for h in &hs {
            table.append(ptr(h));
        }
        check(&table);
        // Leading holes leave through the base, past u32::MAX.
        for h in &hs[..5] {
            table.remove(h);
        }
        table.trim_front();
        assert_eq!(table.len(), 3);
        check(&table);
        table.move_to_end(table.index_of(&hs[5]));
        check(&table);
        let order: Vec<_> = table.objects().collect();
        assert_eq!(order, vec![ptr(&hs[6]), ptr(&hs[7]), ptr(&hs[5])]);
    }

    #[test]
    fn compaction_keeps_order_and_bounds_the_table() {
        let hs = headers(1000);
        let mut gen = Generation::new(0);
        for h in &hs {
            // SAFETY: the headers are live and in no table.
            unsafe { gen.push(ptr(h), 2) };
        }
        // Remove every other object but the first: holes in the middle stay until they
        // outnumber the live entries.
        for h in hs.iter().skip(1).step_by(2) {
            gen.remove(h);
        }
        for h in hs.iter().skip(2).step_by(4) {
            gen.remove(h);
        }
        let before: Vec<_> = gen.table.objects().collect();
        let extra = headers(1);
        // SAFETY: as above.
        unsafe { gen.push(ptr(&extra[0]), 2) };
        assert!(gen.table.len() <= 2 * gen.live() + 2, "compacted on push");
        check(&gen.table);
        let after: Vec<_> = gen.table.objects().collect();
        assert_eq!(after[..before.len()], before[..]);
        assert!(hs[0].has(flag::TRACKED) && !hs[1].has(flag::TRACKED));
        assert_eq!(hs[0].generation(), 2);
    }
}
