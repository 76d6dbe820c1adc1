//! Generations: the tables of tracked objects.
//!
//! CPython links tracked objects into a doubly linked list per generation through the
//! 16-byte `PyGC_Head` in front of each object. Here a generation is a dense array of
//! object pointers, and a tracked object's header holds its index (`gc_slot`): 4 bytes
//! per object instead of 16, and the collector's passes stream through an array instead
//! of chasing links.
//!
//! Untracking leaves a hole (`None`), so the order of the table is always the order in
//! which objects were tracked — CPython's list order, which decides the order of
//! finalizers and weakref callbacks. Holes are squeezed out (order kept, slots renumbered)
//! when they outnumber the live entries, so the table stays within twice its live size.
//!
//! Invariant: for every `Some(p)` at index `i` of generation `g`, `p` is a live object
//! whose header has TRACKED set, generation `g` and `gc_slot == i`; `live` counts them.

use core::ptr::NonNull;

use crate::header::{flag, Header};

/// Generation 0, 1, 2 and the permanent generation of `gc.freeze()`.
pub(crate) const GENERATIONS: usize = 3;
/// Index of the permanent generation.
pub(crate) const PERMANENT: usize = 3;
/// Tables are never compacted below this many slots.
const MIN_COMPACT: usize = 256;

/// One generation's table and counters.
pub(crate) struct Generation {
    pub slots: Vec<Option<NonNull<Header>>>,
    /// Tracked objects in `slots`.
    pub live: usize,
    /// CPython's `count`: for generation 0, GC-capable allocations minus deallocations
    /// since its last collection; for older ones, collections of the younger
    /// generation since their last.
    pub count: usize,
    pub threshold: usize,
}

impl Generation {
    pub fn new(threshold: usize) -> Self {
        Generation {
            slots: Vec::new(),
            live: 0,
            count: 0,
            threshold,
        }
    }

    /// Append a live, untracked object.
    ///
    /// # Safety
    /// `obj` is live and not tracked.
    pub unsafe fn push(&mut self, obj: NonNull<Header>, gen: usize) {
        if self.slots.len() >= MIN_COMPACT && self.slots.len() >= 2 * self.live + 2 {
            self.compact();
        }
        // SAFETY: the caller guarantees `obj` is live.
        let h = unsafe { obj.as_ref() };
        debug_assert!(!h.has(flag::TRACKED));
        let slot = u32::try_from(self.slots.len()).unwrap_or_else(|_| too_many());
        h.gc_slot.set(slot);
        h.set_generation(gen);
        h.set(flag::TRACKED);
        self.slots.push(Some(obj));
        self.live += 1;
    }

    /// Remove a tracked object of this generation, leaving a hole.
    pub fn remove(&mut self, h: &Header) {
        debug_assert!(h.has(flag::TRACKED));
        let slot = h.gc_slot.get() as usize;
        debug_assert!(self.slots[slot].is_some());
        self.slots[slot] = None;
        self.live -= 1;
        h.unset(flag::TRACKED);
    }

    /// Squeeze out the holes, keeping the order, and renumber the slots.
    pub fn compact(&mut self) {
        self.slots.retain(Option::is_some);
        for (i, obj) in self.slots.iter().enumerate() {
            let obj = obj.expect("holes were removed");
            // SAFETY: every entry of the table is a live tracked object (invariant).
            unsafe { obj.as_ref() }.gc_slot.set(i as u32);
        }
        debug_assert_eq!(self.slots.len(), self.live);
    }

    /// The live objects, in tracking order.
    pub fn objects(&self) -> impl Iterator<Item = NonNull<Header>> + '_ {
        self.slots.iter().flatten().copied()
    }

    /// Bytes the table takes (collector metadata, outside the heap's allocator).
    pub fn table_bytes(&self) -> usize {
        self.slots.capacity() * core::mem::size_of::<Option<NonNull<Header>>>()
    }
}

#[cold]
fn too_many() -> ! {
    // 2^32 tracked objects would take over 64 GiB of headers alone.
    panic!("more than 2^32 tracked objects in one generation")
}
