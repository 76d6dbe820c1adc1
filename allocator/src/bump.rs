//! Bump allocation (bumpalo): allocation is a pointer decrement, freeing does nothing.
//!
//! Memory comes back only when the whole allocator is reset or dropped, so this strategy
//! shows what never freeing costs: the fastest allocation there is, and a reserve that
//! only grows. Its in-use bytes still drop on free (they are the program's live bytes),
//! so its fragmentation (reserved / in use) measures the garbage it keeps.

use core::alloc::Layout;
use core::ptr::NonNull;

use allocator_api2::alloc::Allocator;
use bumpalo::Bump as Bumpalo;

use crate::counted::RawAlloc;

/// The bump strategy.
#[derive(Default)]
pub struct Bump {
    bump: Bumpalo,
    /// The reserve's high-water mark before the last reset (it only grows in between).
    peak_before_reset: usize,
}

impl Bump {
    /// An empty bump allocator; chunks are taken from the system as it grows.
    pub fn new() -> Self {
        Bump::default()
    }
}

// SAFETY: blocks come from bumpalo, which hands out valid, aligned, disjoint memory that
// stays valid until the `Bump` is reset or dropped; resetting needs `&mut` and happens
// only with no live block (`Counted::reset` checks), and `dealloc` never reuses memory.
unsafe impl RawAlloc for Bump {
    fn name(&self) -> &'static str {
        "bump"
    }

    /// Rewind to the start, keeping the largest chunk (the wrapper checks no block is
    /// live).
    fn reset(&mut self) {
        self.peak_before_reset = self.peak_before_reset.max(self.bump.allocated_bytes());
        self.bump.reset();
    }

    #[inline(always)]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        self.bump.try_alloc_layout(layout).ok()
    }

    #[inline(always)]
    unsafe fn dealloc(&self, _ptr: NonNull<u8>, _layout: Layout) {}

    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>> {
        let result = if new.size() >= old.size() {
            // SAFETY: `ptr` is a live block of this bump with layout `old` (caller).
            unsafe { (&self.bump).grow(ptr, old, new) }
        } else {
            // SAFETY: as above.
            unsafe { (&self.bump).shrink(ptr, old, new) }
        };
        result.ok().map(NonNull::cast)
    }

    #[inline(always)]
    unsafe fn block_size(&self, _ptr: NonNull<u8>, layout: Layout) -> usize {
        layout.size()
    }

    fn reserved_bytes(&self) -> usize {
        self.bump.allocated_bytes()
    }

    /// Exact: between resets the reserve only grows.
    fn peak_reserved_bytes(&self) -> Option<usize> {
        Some(self.peak_before_reset.max(self.bump.allocated_bytes()))
    }
}
