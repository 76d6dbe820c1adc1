//! Pages from the operating system: anonymous private mappings.
//!
//! pymalloc takes its arenas straight from the OS with `mmap`, as CPython does, so that
//! returning an empty arena gives its memory back at once (`munmap`) instead of leaving
//! it in the C allocator's free lists.

use core::ptr::NonNull;

/// Map `size` bytes of zeroed, readable and writable memory; `None` if the OS refuses.
/// The mapping is page-aligned. With `prefault`, every page is faulted in by the kernel at
/// once (`MAP_POPULATE`) rather than one trap per page on first touch.
pub(crate) fn map(size: usize, prefault: bool) -> Option<NonNull<u8>> {
    let mut flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
    if prefault {
        flags |= libc::MAP_POPULATE;
    }
    // SAFETY: an anonymous private mapping with a null hint aliases nothing; the result
    // is checked for MAP_FAILED before use.
    let ptr = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            flags,
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

/// Map `size` bytes (a power of two, at least a page) aligned to `size`: map twice the
/// size and give back the misaligned ends.
pub(crate) fn map_aligned(size: usize) -> Option<NonNull<u8>> {
    debug_assert!(size.is_power_of_two() && size >= 4096);
    let raw = map(2 * size, false)?;
    let start = raw.as_ptr() as usize;
    let aligned = start.next_multiple_of(size);
    let (head, tail) = (aligned - start, start + 2 * size - (aligned + size));
    // SAFETY: the head and tail are whole-page pieces of the fresh mapping outside the
    // aligned part, which nothing references yet.
    unsafe {
        if head > 0 {
            unmap(raw, head);
        }
        if tail > 0 {
            unmap(NonNull::new_unchecked((aligned + size) as *mut u8), tail);
        }
    }
    NonNull::new(aligned as *mut u8)
}

/// Map `size` bytes (a power of two, at least a huge page) aligned to `size` and advise
/// the kernel to back it with transparent huge pages. The advice is a hint: a kernel
/// with THP off, or out of huge pages, gives small pages and the mapping works the same.
pub(crate) fn map_huge(size: usize, prefault: bool) -> Option<NonNull<u8>> {
    let ptr = map_aligned(size)?;
    // SAFETY: `ptr..ptr + size` is a mapping just made; advice changes no contents.
    let _ = unsafe { libc::madvise(ptr.as_ptr().cast(), size, libc::MADV_HUGEPAGE) };
    if prefault {
        // Fault the pages in now (after the advice, so that they come in huge).
        for offset in (0..size).step_by(4096) {
            // SAFETY: `offset < size`: a byte of the fresh mapping, which nothing else
            // references; writing the zero it holds changes nothing but residency.
            unsafe { ptr.as_ptr().add(offset).write_volatile(0) };
        }
    }
    Some(ptr)
}

/// Return a mapping to the OS.
///
/// # Safety
/// `ptr` and `size` are whole pages of live mappings made here, and no pointer into them
/// is used afterwards.
pub(crate) unsafe fn unmap(ptr: NonNull<u8>, size: usize) {
    // SAFETY: the caller passes a whole live mapping that nothing uses any more.
    let rc = unsafe { libc::munmap(ptr.as_ptr().cast(), size) };
    debug_assert_eq!(rc, 0, "munmap of a mapping we made failed");
}
