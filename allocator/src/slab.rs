//! Slab pools on the `slab` crate: per size class, a slab of keys and fixed chunks of
//! blocks, with the free list kept *outside* the blocks.
//!
//! Each of the 32 small size classes has a `slab::Slab<()>` that hands out dense integer
//! keys (reusing the most recently freed key first) and a list of chunks; key `k` is
//! block `k % per_chunk` of chunk `k / per_chunk`. Chunks never move or shrink, so live
//! blocks keep stable addresses, and memory is never given back before the strategy is
//! dropped. Where pymalloc threads its free list through the free blocks themselves,
//! here the bookkeeping is a separate array (the slab's entries): the experiment shows
//! what that costs in memory and in cache misses.
//!
//! A chunk is `CHUNK_SIZE` bytes, mapped from the OS and aligned to its size, and starts
//! with a 16-byte header holding its index in its class, so a block's key is found from
//! its address alone. Large requests (over 512 bytes or aligned past 16) go to the
//! system allocator.

use core::alloc::Layout;
use core::cell::{Cell, UnsafeCell};
use core::ptr::NonNull;
use std::alloc::{GlobalAlloc, System};

use slab::Slab as Keys;

use crate::counted::RawAlloc;
use crate::os;
use crate::size_class::{class_size, is_small, size_class, ALIGNMENT, NB_SMALL_SIZE_CLASSES};

/// Bytes in a chunk (and its alignment).
pub const CHUNK_SIZE: usize = 64 << 10;
/// Bytes at the start of a chunk for its header.
const CHUNK_HEADER: usize = ALIGNMENT;
/// Estimated bytes of one slab entry (`slab::Entry<()>`: a tag and a key).
const SLAB_ENTRY_BYTES: usize = 16;

/// The slab strategy.
pub struct Slab {
    classes: UnsafeCell<[Class; NB_SMALL_SIZE_CLASSES]>,
    /// Bytes of live large blocks.
    large_bytes: Cell<usize>,
    /// High-water mark of the reserve, raised whenever it grows.
    peak_reserved: Cell<usize>,
}

/// One size class.
///
/// Invariants: `chunks[i]` is a live `CHUNK_SIZE`-aligned chunk whose header holds `i`;
/// every occupied key `k` of `keys` names block `k % per_chunk` of chunk `k / per_chunk`,
/// which exists, and that block is live; vacant keys name free blocks.
struct Class {
    keys: Keys<()>,
    chunks: Vec<NonNull<u8>>,
    size: usize,
    per_chunk: usize,
    /// `ceil(2^32 / size)`: `offset * recip >> 32 == offset / size` for every offset in a
    /// chunk (offsets are below 2^16 and sizes at most 512, well inside the exact range).
    recip: u64,
}

impl Slab {
    /// An empty slab strategy.
    pub fn new() -> Self {
        Slab {
            classes: UnsafeCell::new(core::array::from_fn(|idx| {
                let size = class_size(idx);
                Class {
                    keys: Keys::new(),
                    chunks: Vec::new(),
                    size,
                    per_chunk: (CHUNK_SIZE - CHUNK_HEADER) / size,
                    recip: (1u64 << 32).div_ceil(size as u64),
                }
            })),
            large_bytes: Cell::new(0),
            peak_reserved: Cell::new(0),
        }
    }

    /// The reserve just grew: raise its peak.
    #[cold]
    fn reserve_grew(&self) {
        let reserved = self.reserved_bytes();
        self.peak_reserved
            .set(self.peak_reserved.get().max(reserved));
    }

    fn small_reserved(&self) -> usize {
        // SAFETY: a shared read of the classes; no `&mut` is live outside entry points.
        let classes = unsafe { &*self.classes.get() };
        classes.iter().map(Class::reserved).sum()
    }

    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    fn class(&self, idx: usize) -> &mut Class {
        // SAFETY: `Slab` is !Sync, never re-entered, and each entry point holds this
        // reference only for the duration of the call.
        unsafe { &mut (*self.classes.get())[idx] }
    }
}

impl Default for Slab {
    fn default() -> Self {
        Self::new()
    }
}

impl Class {
    /// A free block, and whether the class's reserve grew to provide it.
    #[inline(always)]
    fn alloc(&mut self) -> Option<(NonNull<u8>, bool)> {
        let key = self.keys.vacant_key();
        let (chunk, slot) = (key / self.per_chunk, key % self.per_chunk);
        let mut grew = false;
        if chunk == self.chunks.len() {
            self.add_chunk()?;
            grew = true;
        }
        let capacity = self.keys.capacity();
        self.keys.insert(());
        grew |= self.keys.capacity() != capacity;
        // SAFETY: `chunk` exists (just checked or added) and `slot < per_chunk`, so the
        // block lies inside the chunk, past its header.
        let block = unsafe { self.chunks[chunk].add(CHUNK_HEADER + slot * self.size) };
        Some((block, grew))
    }

    #[cold]
    fn add_chunk(&mut self) -> Option<()> {
        let chunk = os::map_aligned(CHUNK_SIZE)?;
        // SAFETY: the chunk is fresh and at least a header long.
        unsafe { chunk.cast::<usize>().write(self.chunks.len()) };
        self.chunks.push(chunk);
        Some(())
    }

    /// # Safety
    /// `block` is a live block of this class.
    #[inline(always)]
    unsafe fn free(&mut self, block: NonNull<u8>) {
        let addr = block.as_ptr() as usize;
        let base = addr & !(CHUNK_SIZE - 1);
        // SAFETY: a live block lies in a chunk of this class, aligned to CHUNK_SIZE, whose
        // header holds the chunk's index.
        let chunk = unsafe { *(base as *const usize) };
        let offset = (addr - base - CHUNK_HEADER) as u64;
        let slot = ((offset * self.recip) >> 32) as usize;
        debug_assert_eq!(slot, offset as usize / self.size);
        self.keys.remove(chunk * self.per_chunk + slot);
    }

    fn reserved(&self) -> usize {
        self.chunks.len() * CHUNK_SIZE + self.keys.capacity() * SLAB_ENTRY_BYTES
    }
}

impl Drop for Slab {
    fn drop(&mut self) {
        for class in self.classes.get_mut() {
            for chunk in class.chunks.drain(..) {
                // SAFETY: each chunk is a whole mapping of CHUNK_SIZE bytes and, the
                // strategy being dropped, none of its blocks is used again.
                unsafe { os::unmap(chunk, CHUNK_SIZE) };
            }
        }
    }
}

// SAFETY: small blocks are distinct slots of live chunks (each key is handed out once
// until removed), `class_size >= size` bytes long and 16-aligned (chunks are 64 KiB
// aligned, the header is 16 bytes, sizes are multiples of 16); chunks live until drop.
// Large blocks come from the system allocator.
unsafe impl RawAlloc for Slab {
    fn name(&self) -> &'static str {
        "slab"
    }

    #[inline(always)]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        if is_small(layout.size(), layout.align()) {
            let (ptr, grew) = self.class(size_class(layout.size())).alloc()?;
            if grew {
                self.reserve_grew();
            }
            Some(ptr)
        } else {
            // SAFETY: layouts reaching a strategy have non-zero size.
            let ptr = NonNull::new(unsafe { System.alloc(layout) })?;
            self.large_bytes.set(self.large_bytes.get() + layout.size());
            self.reserve_grew();
            Some(ptr)
        }
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout) {
        if is_small(layout.size(), layout.align()) {
            // SAFETY: a small layout means a live block of that class (caller).
            unsafe { self.class(size_class(layout.size())).free(ptr) }
        } else {
            self.large_bytes.set(self.large_bytes.get() - layout.size());
            // SAFETY: large blocks come from `System` with this layout (caller).
            unsafe { System.dealloc(ptr.as_ptr(), layout) }
        }
    }

    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>> {
        let (old_small, new_small) = (
            is_small(old.size(), old.align()),
            is_small(new.size(), new.align()),
        );
        if old_small && new_small && size_class(old.size()) == size_class(new.size()) {
            return Some(ptr);
        }
        let moved = self.alloc(new)?;
        // SAFETY: both blocks are live, distinct and at least `min` bytes long; the old
        // one is freed with its own layout.
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

    #[inline(always)]
    unsafe fn block_size(&self, _ptr: NonNull<u8>, layout: Layout) -> usize {
        if is_small(layout.size(), layout.align()) {
            class_size(size_class(layout.size()))
        } else {
            layout.size()
        }
    }

    fn reserved_bytes(&self) -> usize {
        self.small_reserved() + self.large_bytes.get()
    }

    /// Exact: raised at every growth (a chunk, the key table, a large block).
    fn peak_reserved_bytes(&self) -> Option<usize> {
        Some(self.peak_reserved.get())
    }
}
