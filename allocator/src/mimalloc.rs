//! mimalloc, the production allocator to beat.
//!
//! Each strategy instance owns a private mimalloc heap (`mi_heap_new`, through
//! `libmimalloc-sys`, the FFI layer of the `mimalloc` crate), so its blocks and its
//! reserve are its own, and dropping the strategy destroys the heap and everything in
//! it. In-use bytes are mimalloc's usable sizes; the reserve is the committed bytes of
//! the heap's areas, visited with `mi_heap_visit_blocks` (sampled, as it walks pages).
//! A mimalloc heap belongs to the thread that made it, which the `!Send` raw pointer
//! enforces.

use core::alloc::Layout;
use core::ffi::c_void;
use core::ptr::NonNull;

use libmimalloc_sys as ffi;

use crate::counted::RawAlloc;

/// mimalloc's guaranteed alignment for `mi_malloc` (`MI_MAX_ALIGN_SIZE`).
const MIN_ALIGN: usize = 16;

/// The mimalloc strategy.
pub struct Mimalloc {
    heap: NonNull<ffi::mi_heap_t>,
}

impl Mimalloc {
    /// A strategy with a fresh mimalloc heap.
    pub fn new() -> Self {
        // SAFETY: mi_heap_new has no preconditions; the result is checked.
        let heap = unsafe { ffi::mi_heap_new() };
        Mimalloc {
            heap: NonNull::new(heap).expect("mimalloc could not create a heap"),
        }
    }
}

impl Default for Mimalloc {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Mimalloc {
    fn drop(&mut self) {
        // SAFETY: the heap is ours and, the strategy being dropped, none of its blocks is
        // used again; destroy frees them all.
        unsafe { ffi::mi_heap_destroy(self.heap.as_ptr()) }
    }
}

unsafe extern "C" fn add_committed(
    _heap: *const ffi::mi_heap_t,
    area: *const ffi::mi_heap_area_t,
    _block: *mut c_void,
    _block_size: usize,
    total: *mut c_void,
) -> bool {
    // SAFETY: mimalloc passes a valid area; `total` is the `usize` we passed below.
    unsafe { *total.cast::<usize>() += (*area).committed };
    true
}

// SAFETY: blocks come from mimalloc, whose heap allocation functions return valid,
// aligned (aligned variants when needed), disjoint blocks that stay valid until freed or
// until the heap is destroyed in `drop`.
unsafe impl RawAlloc for Mimalloc {
    fn name(&self) -> &'static str {
        "mimalloc"
    }

    #[inline(always)]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        let heap = self.heap.as_ptr();
        let ptr = if layout.align() <= MIN_ALIGN && layout.align() <= layout.size() {
            // SAFETY: the heap is live and belongs to this thread.
            unsafe { ffi::mi_heap_malloc(heap, layout.size()) }
        } else {
            // SAFETY: as above; the alignment is a power of two.
            unsafe { ffi::mi_heap_malloc_aligned(heap, layout.size(), layout.align()) }
        };
        NonNull::new(ptr.cast())
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: NonNull<u8>, _layout: Layout) {
        // SAFETY: `ptr` is a live mimalloc block (caller).
        unsafe { ffi::mi_free(ptr.as_ptr().cast()) }
    }

    unsafe fn realloc(&self, ptr: NonNull<u8>, _old: Layout, new: Layout) -> Option<NonNull<u8>> {
        // SAFETY: `ptr` is a live block of this heap (caller); mimalloc keeps the old
        // block untouched when it returns null.
        let moved = unsafe {
            ffi::mi_heap_realloc_aligned(
                self.heap.as_ptr(),
                ptr.as_ptr().cast(),
                new.size(),
                new.align(),
            )
        };
        NonNull::new(moved.cast())
    }

    #[inline(always)]
    unsafe fn block_size(&self, ptr: NonNull<u8>, _layout: Layout) -> usize {
        // SAFETY: `ptr` is a live mimalloc block (caller).
        unsafe { ffi::mi_usable_size(ptr.as_ptr().cast()) }
    }

    fn reserved_bytes(&self) -> usize {
        let mut total = 0usize;
        // SAFETY: the heap is live and ours; the visitor only adds to `total`.
        unsafe {
            ffi::mi_heap_visit_blocks(
                self.heap.as_ptr(),
                false,
                Some(add_committed),
                (&mut total as *mut usize).cast(),
            );
        }
        total
    }
}
