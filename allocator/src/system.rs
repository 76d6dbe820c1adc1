//! The platform's `malloc`: the baseline every other strategy is measured against.
//!
//! Blocks come from `std::alloc::System` (glibc's malloc here). In-use bytes are the
//! usable sizes glibc reports (`malloc_usable_size`), so its rounding shows. glibc keeps
//! no per-caller accounting of what it holds from the OS, so the reserve is read from
//! `mallinfo2()`: the bytes glibc holds (sbrk heap plus mmapped chunks) less the bytes
//! the rest of the process had in use when the strategy was created, after
//! `malloc_trim(0)` gave free memory back, and less the bytes the harness's own
//! allocator ([`crate::harness`]) holds at the time of reading. Free memory glibc keeps
//! (its top pad, freed chunks) thus counts as reserved for this strategy. It is a
//! process-wide reading, sampled; exact when everything else in the process allocates
//! through the harness allocator, as in `heaplab`.

use core::alloc::Layout;
use core::ptr::NonNull;
use std::alloc::{GlobalAlloc, System as StdSystem};

use crate::counted::RawAlloc;

/// The platform allocator.
pub struct System {
    /// Bytes of malloc in use when the strategy was created by what is not the harness
    /// allocator (libraries calling malloc directly).
    others_in_use: usize,
}

impl System {
    /// A system-malloc strategy.
    pub fn new() -> Self {
        // SAFETY: malloc_trim only returns free memory of glibc's heaps to the OS.
        unsafe { libc::malloc_trim(0) };
        // SAFETY: mallinfo2 only reads the allocator's own counters.
        let info = unsafe { libc::mallinfo2() };
        System {
            others_in_use: (info.uordblks + info.hblkhd).saturating_sub(crate::harness::in_use()),
        }
    }
}

impl Default for System {
    fn default() -> Self {
        Self::new()
    }
}

/// The usable size of a live malloc block.
///
/// # Safety
/// `ptr` is a live block from this process's malloc.
#[inline]
unsafe fn usable_size(ptr: NonNull<u8>) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { libc::malloc_usable_size(ptr.as_ptr().cast()) }
}

/// Bytes glibc holds from the OS for the whole process.
fn process_reserve() -> usize {
    // SAFETY: mallinfo2 only reads the allocator's own counters.
    let info = unsafe { libc::mallinfo2() };
    info.arena + info.hblkhd
}

// SAFETY: every block comes from `std::alloc::System`, which upholds the `GlobalAlloc`
// contract (valid, aligned, disjoint blocks until freed) for the non-zero layouts we pass.
unsafe impl RawAlloc for System {
    fn name(&self) -> &'static str {
        "system"
    }

    #[inline]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        // SAFETY: `layout` has non-zero size (the `RawAlloc` contract).
        NonNull::new(unsafe { StdSystem.alloc(layout) })
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout) {
        // SAFETY: the caller guarantees `ptr` is live here with `layout`.
        unsafe { StdSystem.dealloc(ptr.as_ptr(), layout) }
    }

    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>> {
        if old.align() == new.align() {
            // SAFETY: `ptr` is live with `old` (caller), the alignment is unchanged and
            // the new size is non-zero.
            return NonNull::new(unsafe { StdSystem.realloc(ptr.as_ptr(), old, new.size()) });
        }
        let moved = self.alloc(new)?;
        // SAFETY: both blocks are live, distinct, and at least `min` bytes long.
        unsafe {
            core::ptr::copy_nonoverlapping(
                ptr.as_ptr(),
                moved.as_ptr(),
                old.size().min(new.size()),
            );
            self.dealloc(ptr, old);
        }
        Some(moved)
    }

    #[inline]
    unsafe fn block_size(&self, ptr: NonNull<u8>, _layout: Layout) -> usize {
        // SAFETY: `ptr` is a live block from the system malloc (caller's contract).
        unsafe { usable_size(ptr) }
    }

    fn reserved_bytes(&self) -> usize {
        process_reserve().saturating_sub(self.others_in_use + crate::harness::in_use())
    }
}
