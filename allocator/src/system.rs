//! The platform's `malloc`: the baseline every other strategy is measured against.
//!
//! Blocks come from `std::alloc::System` (glibc's malloc here). In-use bytes are the
//! usable sizes glibc reports (`malloc_usable_size`), so its rounding shows. glibc keeps
//! no per-caller accounting of what it holds from the OS, so the reserve is read from
//! `mallinfo2()` (bytes in the sbrk heap plus mmapped chunks), less what the process held
//! when the strategy was created: a process-wide reading, exact only while this strategy
//! is the process's only user of malloc (as in `heaplab alloc-bench`), and sampled.

use core::alloc::Layout;
use core::ptr::NonNull;
use std::alloc::{GlobalAlloc, System as StdSystem};

use crate::counted::RawAlloc;

/// The platform allocator.
pub struct System {
    /// `mallinfo2` reserve when the strategy was created.
    baseline: usize,
}

impl System {
    /// A system-malloc strategy.
    pub fn new() -> Self {
        System {
            baseline: process_reserve(),
        }
    }
}

impl Default for System {
    fn default() -> Self {
        Self::new()
    }
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
    const RESERVED_IS_EXACT: bool = false;

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
        unsafe { libc::malloc_usable_size(ptr.as_ptr().cast()) }
    }

    fn reserved_bytes(&self) -> usize {
        process_reserve().saturating_sub(self.baseline)
    }
}
