//! The harness's own allocator: glibc's malloc, with a count of the bytes it holds.
//!
//! heaplab's own memory (frames, tables, output, traces) has to come from somewhere
//! other than the strategy under test, and it should cost little resident memory: it
//! is part of every peak RSS the experiments compare with python3's. glibc's malloc
//! does that well (mimalloc, tried first, committed its arenas with transparent huge
//! pages and added 6 MB to an empty run and 20 MB to a weakref-heavy one).
//!
//! Sharing glibc with the `system` strategy would blur that strategy's reserve, which
//! is read from glibc's process-wide counters. So this allocator counts the usable
//! bytes of every block it hands out ([`in_use`]), and the `system` strategy subtracts
//! them: what glibc holds, less the harness's live blocks, is the strategy's.

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicUsize, Ordering};
use std::alloc::System as StdSystem;

/// Usable bytes of the blocks the harness holds.
static IN_USE: AtomicUsize = AtomicUsize::new(0);

/// Bytes of malloc the harness allocator holds now (0 if it is not the global
/// allocator).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

/// glibc's malloc, counted; install with `#[global_allocator]`.
pub struct Harness;

/// The usable size of a live malloc block (0 for null).
///
/// # Safety
/// `ptr` is null or a live block from this process's malloc.
#[inline]
unsafe fn usable(ptr: *mut u8) -> usize {
    if ptr.is_null() {
        return 0;
    }
    // SAFETY: forwarded from the caller; the block is live.
    unsafe { libc::malloc_usable_size(ptr.cast()) }
}

// SAFETY: every call is forwarded to `std::alloc::System`, which upholds the
// `GlobalAlloc` contract; the counting around it never touches the blocks.
unsafe impl GlobalAlloc for Harness {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout has non-zero size (GlobalAlloc contract).
        let p = unsafe { StdSystem.alloc(layout) };
        // SAFETY: `p` is null or the block just allocated.
        IN_USE.fetch_add(unsafe { usable(p) }, Ordering::Relaxed);
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let p = unsafe { StdSystem.alloc_zeroed(layout) };
        // SAFETY: `p` is null or the block just allocated.
        IN_USE.fetch_add(unsafe { usable(p) }, Ordering::Relaxed);
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller guarantees `ptr` is live, from this allocator.
        IN_USE.fetch_sub(unsafe { usable(ptr) }, Ordering::Relaxed);
        // SAFETY: forwarded from the caller.
        unsafe { StdSystem.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `ptr` is live, from this allocator.
        let old = unsafe { usable(ptr) };
        // SAFETY: forwarded from the caller.
        let p = unsafe { StdSystem.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // SAFETY: `p` is the live, reallocated block (the old one is gone).
            let new = unsafe { usable(p) };
            IN_USE.fetch_sub(old, Ordering::Relaxed);
            IN_USE.fetch_add(new, Ordering::Relaxed);
        }
        p
    }
}
