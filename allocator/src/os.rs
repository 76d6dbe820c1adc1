//! Pages from the operating system: anonymous private mappings.
//!
//! pymalloc takes its arenas straight from the OS with `mmap`, as CPython does, so that
//! returning an empty arena gives its memory back at once (`munmap`) instead of leaving
//! it in the C allocator's free lists.

use core::ptr::NonNull;

/// Map `size` bytes of zeroed, readable and writable memory; `None` if the OS refuses.
/// The mapping is page-aligned.
pub(crate) fn map(size: usize) -> Option<NonNull<u8>> {
    // SAFETY: an anonymous private mapping with a null hint aliases nothing; the result
    // is checked for MAP_FAILED before use.
    let ptr = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        None
    } else {
        NonNull::new(ptr.cast())
    }
}

/// Return a mapping to the OS.
///
/// # Safety
/// `ptr` and `size` are exactly those of a live mapping made by [`map`], and no pointer
/// into it is used afterwards.
pub(crate) unsafe fn unmap(ptr: NonNull<u8>, size: usize) {
    // SAFETY: the caller passes a whole live mapping that nothing uses any more.
    let rc = unsafe { libc::munmap(ptr.as_ptr().cast(), size) };
    debug_assert_eq!(rc, 0, "munmap of a mapping we made failed");
}
