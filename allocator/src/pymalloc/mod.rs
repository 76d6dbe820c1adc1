//! pymalloc: a re-implementation of CPython 3.11's small-object allocator
//! (`Objects/obmalloc.c`).
//!
//! ```text
//!   requests > 512 bytes (or aligned > 16) ──────────────▶ system malloc
//!   requests ≤ 512 bytes
//!     │ size class = (size - 1) / 16                    (32 classes, 16..512 bytes)
//!     ▼
//!   usedpools[class] ──▶ pool ⇄ pool ⇄ pool             partially used pools, O(1)
//!                          │ freeblock list / virgin blocks
//!                          ▼
//!   arenas (1 MiB mmaps) ─ carved into 16 KiB pools; empty pools go back to their
//!                          arena; the fullest arena is used first; a wholly empty
//!                          arena is unmapped
//! ```
//!
//! Allocation takes the first pool of the size class's `usedpools` list and pops a block
//! from its free list, or carves the next virgin block: a handful of instructions.
//! Freeing finds the pool by masking the address, pushes the block on the pool's free
//! list, and only when the pool changes state (full → used, used → empty) touches a list.
//!
//! Three differences from CPython, none visible to a program. CPython keeps one virgin
//! block linked at the tail of the free list, so taking a block may write a link into
//! the *next* block (`pymalloc_pool_extend`); here an empty free list means "carve at
//! `nextoffset`", which hands out the same blocks in the same order (freed blocks first,
//! newest first, then virgin ones in address order) without touching a block before it
//! is handed out. A pool that empties is made virgin again, so its next user carves it
//! in address order rather than chasing the old free list backwards, one dependent cache
//! miss per block (CPython reuses the list when the pool serves the same class again).
//! And CPython must ask "is this address mine?" on every
//! free (`address_in_range`, a radix tree), because `free(p)` carries no size. The
//! `Allocator` interface hands the layout back on every call, so here the layout decides: a block is
//! small exactly when its layout is. For the same reason a realloc that crosses the
//! 512-byte line always moves the block.
//!
//! Tunables, with CPython 3.11's 64-bit defaults (see [`Config`]): arena size 1 MiB,
//! pool size 16 KiB. Alignment (16) and the small-request threshold (512) are fixed.

mod arena;
mod pool;
mod report;

pub use report::{ClassUsage, DebugStats};

use core::alloc::Layout;
use core::cell::UnsafeCell;
use core::ptr::{self, NonNull};
use std::alloc::{GlobalAlloc, System};

use crate::counted::RawAlloc;
use crate::size_class::{class_size, is_small, size_class, NB_SMALL_SIZE_CLASSES};
use arena::Arenas;
use pool::{blocks_per_pool, PoolHeader, POOL_OVERHEAD};

/// pymalloc's tunables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Bytes in an arena, a multiple of `pool_size` holding at least 4 pools.
    /// CPython 3.11: 1 MiB (`ARENA_BITS` 20).
    pub arena_size: usize,
    /// Bytes in a pool, a power of two of at least 4 KiB. CPython 3.11: 16 KiB
    /// (`POOL_BITS` 14).
    pub pool_size: usize,
    /// How many wholly empty arenas stay mapped for reuse. CPython 3.11 keeps one (the
    /// last arena of `usable_arenas`, bpo-37257): 1; 0 behaves as 1. Larger values trade
    /// reserve for fewer `mmap`/`munmap` calls and page faults when a heap shrinks and
    /// grows again.
    pub keep_empty_arenas: usize,
    /// Fault every page of a new arena in at once (`MAP_POPULATE`) instead of on first
    /// touch. CPython 3.11: false, so an arena's untouched pages cost no memory.
    pub prefault: bool,
    /// Map each arena aligned to its size and ask Linux for transparent huge pages
    /// (`MADV_HUGEPAGE`); the arena size must then be a power of two of at least 2 MiB.
    /// A heap of millions of objects then takes a TLB miss per 2 MiB instead of per
    /// 4 KiB, which shows in every pass of the cycle collector. CPython 3.11: false.
    pub huge_pages: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            arena_size: 1 << 20,
            pool_size: 1 << 14,
            keep_empty_arenas: 1,
            prefault: false,
            huge_pages: false,
        }
    }
}

/// The size of a transparent huge page on x86-64 and most aarch64 kernels.
pub const HUGE_PAGE: usize = 2 << 20;

impl Config {
    /// Check the constraints stated on the fields.
    pub fn validate(&self) -> Result<(), String> {
        let Config {
            arena_size,
            pool_size,
            huge_pages,
            ..
        } = *self;
        if huge_pages && !(arena_size.is_power_of_two() && arena_size >= HUGE_PAGE) {
            return Err(format!(
                "with huge pages the arena size must be a power of two of at least {HUGE_PAGE} bytes, not {arena_size}"
            ));
        }
        if !pool_size.is_power_of_two() || pool_size < 4096 {
            return Err(format!(
                "pool size must be a power of two of at least 4096 bytes, not {pool_size}"
            ));
        }
        if pool_size > u32::MAX as usize {
            return Err(format!("pool size {pool_size} is too large"));
        }
        if arena_size % pool_size != 0 || arena_size / pool_size < 4 {
            return Err(format!(
                "arena size must be a multiple of the pool size ({pool_size}) holding at least 4 pools, not {arena_size}"
            ));
        }
        Ok(())
    }
}

/// The pymalloc strategy. Single-threaded, like CPython's allocator under the GIL.
pub struct Pymalloc {
    state: UnsafeCell<State>,
}

struct State {
    /// Head of each size class's list of used pools (null when empty). A pool is
    /// linked here exactly when it is used (neither full nor empty).
    usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    arenas: Arenas,
    /// `!(pool_size - 1)`: masks a block address down to its pool header.
    pool_mask: usize,
    /// Bytes of live large blocks, served by the system allocator.
    large_bytes: usize,
    /// Number of live large blocks.
    large_blocks: usize,
    /// High-water mark of the reserve (arenas plus large blocks), raised whenever it
    /// grows: when an arena is mapped or a large block allocated or grown.
    peak_reserved: usize,
}

impl Pymalloc {
    /// A pymalloc with CPython 3.11's tunables.
    pub fn new() -> Self {
        Self::with_config(Config::default()).expect("default config is valid")
    }

    /// A pymalloc with the given tunables.
    pub fn with_config(config: Config) -> Result<Self, String> {
        config.validate()?;
        Ok(Pymalloc {
            state: UnsafeCell::new(State {
                usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
                arenas: Arenas::new(config),
                pool_mask: !(config.pool_size - 1),
                large_bytes: 0,
                large_blocks: 0,
                peak_reserved: 0,
            }),
        })
    }

    /// The tunables in force.
    pub fn config(&self) -> Config {
        self.state().arenas.config
    }

    #[inline(always)]
    fn state(&self) -> &State {
        // SAFETY: `Pymalloc` is !Sync and its methods never hold a reference into the
        // state across a call that could mutate it, so no `&mut State` is live here.
        unsafe { &*self.state.get() }
    }

    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    fn state_mut(&self) -> &mut State {
        // SAFETY: `Pymalloc` is !Sync (UnsafeCell), the strategy never calls out to code
        // that could re-enter it, and every entry point takes this reference once and
        // drops it before returning: it is the only reference into the state.
        unsafe { &mut *self.state.get() }
    }

    /// Check every invariant of the arena lists and of the used pools; panics with a
    /// message naming what is broken. O(arenas + pools): for tests and debugging.
    pub fn validate(&self) {
        let st = self.state();
        st.arenas.validate();
        for (idx, &head) in st.usedpools.iter().enumerate() {
            let nblocks = blocks_per_pool(st.arenas.pool_size, class_size(idx)) as u32;
            let (mut prev, mut pool) = (ptr::null_mut(), head);
            while !pool.is_null() {
                // SAFETY: pools on a usedpools list are carved pools of live arenas.
                let p = unsafe { &*pool };
                assert_eq!(p.szidx as usize, idx, "pool on the wrong usedpools list");
                assert!(
                    p.count > 0 && p.count < nblocks,
                    "pool on usedpools is not used"
                );
                assert!(
                    !p.freeblock.is_null() || p.nextoffset <= p.maxnextoffset,
                    "used pool with no free block"
                );
                assert_eq!(p.prevpool, prev, "broken prevpool link in usedpools[{idx}]");
                prev = pool;
                pool = p.nextpool;
            }
        }
    }

    /// A report in the spirit of CPython's `sys._debugmallocstats()`.
    pub fn debug_stats(&self) -> DebugStats {
        report::debug_stats(self.state())
    }
}

impl Default for Pymalloc {
    fn default() -> Self {
        Self::new()
    }
}

impl State {
    /// Allocate a small block of size class `idx` (CPython's `pymalloc_alloc`).
    #[inline(always)]
    fn alloc_small(&mut self, idx: usize) -> Option<NonNull<u8>> {
        let pool = self.usedpools[idx];
        if pool.is_null() {
            return self.allocate_from_new_pool(idx);
        }
        // SAFETY: `pool` is a used pool (it is on usedpools): its header is valid and it
        // has a free block, on its free list (whose links are the blocks' first words) or
        // at `nextoffset` (a virgin block wholly inside the pool).
        unsafe {
            let p = &mut *pool;
            p.count += 1;
            let block = p.freeblock;
            if !block.is_null() {
                p.freeblock = *block.cast::<*mut u8>();
                if p.freeblock.is_null() && p.nextoffset > p.maxnextoffset {
                    self.pool_filled(pool, idx);
                }
                return Some(NonNull::new_unchecked(block));
            }
            debug_assert!(
                p.nextoffset <= p.maxnextoffset,
                "used pool with no free block"
            );
            let block = pool.cast::<u8>().add(p.nextoffset as usize);
            p.nextoffset += class_size(idx) as u32;
            if p.nextoffset > p.maxnextoffset {
                self.pool_filled(pool, idx);
            } else {
                // The next virgin block of this class: ask for its cache line now, so the
                // program's first write to it does not wait on memory.
                prefetch_write(pool.cast::<u8>().wrapping_add(p.nextoffset as usize));
            }
            Some(NonNull::new_unchecked(block))
        }
    }

    /// The pool has no free block left: it is full and leaves `usedpools`. Not cold: in
    /// a FIFO steady state every free reopens a full pool (it goes to the front of its
    /// list, as in CPython) and the next allocation fills it again.
    ///
    /// # Safety
    /// `pool` is the head of `usedpools[idx]`.
    #[inline(always)]
    unsafe fn pool_filled(&mut self, pool: *mut PoolHeader, idx: usize) {
        // SAFETY: the caller passes the valid head pool; its successor, if any, is a
        // used pool.
        unsafe {
            let next = (*pool).nextpool;
            self.usedpools[idx] = next;
            if !next.is_null() {
                (*next).prevpool = ptr::null_mut();
            }
        }
    }

    /// No used pool for class `idx`: take an empty or virgin pool from the fullest usable
    /// arena, mapping a new arena if there is none (CPython's `allocate_from_new_pool`).
    #[cold]
    #[inline(never)]
    fn allocate_from_new_pool(&mut self, idx: usize) -> Option<NonNull<u8>> {
        if self.arenas.usable == arena::NONE {
            self.arenas.new_arena()?;
            self.reserve_grew();
        }
        let pool = self.arenas.take_pool();
        // SAFETY: `take_pool` returns an unlinked pool of a live arena whose `arenaindex`
        // and `szidx` are valid; if `szidx == idx` its header and free list are intact.
        unsafe {
            let p = &mut *pool;
            p.nextpool = ptr::null_mut();
            p.prevpool = ptr::null_mut();
            self.push_used(pool, idx);
            // Empty pools are virgin (see `pool_emptied`), whatever class they last served.
            let size = class_size(idx);
            p.szidx = idx as u32;
            p.count = 1;
            p.freeblock = ptr::null_mut();
            p.nextoffset = (POOL_OVERHEAD + size) as u32;
            p.maxnextoffset = (self.arenas.pool_size - size) as u32;
            Some(NonNull::new_unchecked(pool.cast::<u8>().add(POOL_OVERHEAD)))
        }
    }

    /// Link `pool` at the front of `usedpools[idx]`.
    ///
    /// # Safety
    /// `pool` is a valid pool header on no list.
    #[inline(always)]
    unsafe fn push_used(&mut self, pool: *mut PoolHeader, idx: usize) {
        let head = self.usedpools[idx];
        // SAFETY: `pool` is valid (caller); `head`, if not null, is a used pool.
        unsafe {
            (*pool).nextpool = head;
            (*pool).prevpool = ptr::null_mut();
            if !head.is_null() {
                (*head).prevpool = pool;
            }
        }
        self.usedpools[idx] = pool;
    }

    /// Free a small block (CPython's `pymalloc_free`).
    ///
    /// # Safety
    /// `block` is a live small block of this allocator.
    #[inline(always)]
    unsafe fn free_small(&mut self, block: NonNull<u8>) {
        let block = block.as_ptr();
        let pool = (block as usize & self.pool_mask) as *mut PoolHeader;
        // SAFETY: a live small block lies in a carved pool, whose header sits at the
        // pool-aligned address below it; the block is at least a pointer wide.
        unsafe {
            let p = &mut *pool;
            debug_assert!(p.count > 0, "free in an empty pool: double free?");
            let idx = p.szidx as usize;
            let lastfree = p.freeblock;
            let was_full = lastfree.is_null() && p.nextoffset > p.maxnextoffset;
            block.cast::<*mut u8>().write(lastfree);
            p.freeblock = block;
            p.count -= 1;
            if was_full {
                // The pool was full: it becomes used again, at the front of its list so
                // the next allocation of this class reuses the block just freed.
                self.push_used(pool, idx);
            } else if p.count == 0 {
                // This may unmap the pool's arena: `p` is not used after it.
                self.pool_emptied(pool);
            }
        }
    }

    /// A used pool became empty: unlink it from `usedpools` and give it to its arena.
    ///
    /// # Safety
    /// `pool` is a valid pool header on `usedpools[szidx]` with no allocated blocks.
    #[cold]
    #[inline(never)]
    unsafe fn pool_emptied(&mut self, pool: *mut PoolHeader) {
        // SAFETY: the caller passes a valid, used pool; its neighbours are used pools.
        unsafe {
            let p = &mut *pool;
            if p.prevpool.is_null() {
                self.usedpools[p.szidx as usize] = p.nextpool;
            } else {
                (*p.prevpool).nextpool = p.nextpool;
            }
            if !p.nextpool.is_null() {
                (*p.nextpool).prevpool = p.prevpool;
            }
            // Make it virgin again: its next user carves blocks in address order instead
            // of chasing this free list (a dependent load per block, in reverse order).
            p.freeblock = ptr::null_mut();
            p.nextoffset = POOL_OVERHEAD as u32;
            let arena = &mut self.arenas.objects[p.arenaindex as usize];
            p.nextpool = arena.freepools;
            arena.freepools = pool;
            let index = p.arenaindex;
            self.arenas.pool_freed(index);
        }
    }

    fn reserved(&self) -> usize {
        self.arenas.counts.current * self.arenas.arena_size + self.large_bytes
    }

    fn reserve_grew(&mut self) {
        self.peak_reserved = self.peak_reserved.max(self.reserved());
    }

    #[cold]
    fn alloc_large(&mut self, layout: Layout) -> Option<NonNull<u8>> {
        // SAFETY: layouts reaching a strategy have non-zero size.
        let ptr = NonNull::new(unsafe { System.alloc(layout) })?;
        self.large_bytes += layout.size();
        self.large_blocks += 1;
        self.reserve_grew();
        Some(ptr)
    }

    /// # Safety
    /// `ptr` is a live large block allocated with `layout`.
    #[cold]
    unsafe fn free_large(&mut self, ptr: NonNull<u8>, layout: Layout) {
        self.large_bytes -= layout.size();
        self.large_blocks -= 1;
        // SAFETY: large blocks come from `System` with this layout (caller).
        unsafe { System.dealloc(ptr.as_ptr(), layout) }
    }
}

/// Hint the CPU to bring `addr`'s cache line in for writing. Only a hint: it never
/// faults, whatever the address.
#[inline(always)]
fn prefetch_write(addr: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `prefetcht0` is part of SSE, which every x86_64 CPU has; a prefetch reads
    // nothing and cannot fault, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(addr.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

// SAFETY: small blocks are carved from live arenas: each is `class_size >= size` bytes,
// 16-byte aligned (pools are pool-aligned, the header is 48 bytes and block sizes are
// multiples of 16), handed out at most once until freed (it leaves the free list or lies
// past `nextoffset`), and its arena stays mapped while any block of it is live (only
// wholly empty arenas are unmapped). Large blocks come from the system allocator.
unsafe impl RawAlloc for Pymalloc {
    fn name(&self) -> &'static str {
        "pymalloc"
    }

    #[inline(always)]
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>> {
        let st = self.state_mut();
        if is_small(layout.size(), layout.align()) {
            st.alloc_small(size_class(layout.size()))
        } else {
            st.alloc_large(layout)
        }
    }

    #[inline(always)]
    unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout) {
        let st = self.state_mut();
        if is_small(layout.size(), layout.align()) {
            // SAFETY: a small layout means a small block (the layout decides; caller
            // guarantees the block is live with this layout).
            unsafe { st.free_small(ptr) }
        } else {
            // SAFETY: as above, for large blocks.
            unsafe { st.free_large(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>> {
        let old_small = is_small(old.size(), old.align());
        let new_small = is_small(new.size(), new.align());
        if old_small && new_small {
            // CPython's pymalloc_realloc: stay in place when the block still fits and
            // shrinking would not save at least a quarter of it.
            // SAFETY: forwarded from the caller: `ptr` is a live small block.
            let size = unsafe { self.block_size(ptr, old) };
            if new.size() <= size && 4 * new.size() > 3 * size {
                return Some(ptr);
            }
        } else if !old_small && !new_small && old.align() == new.align() {
            let st = self.state_mut();
            // SAFETY: `ptr` is a live large block from `System` with layout `old`
            // (caller); the alignment is unchanged and the new size is non-zero.
            let moved = NonNull::new(unsafe { System.realloc(ptr.as_ptr(), old, new.size()) })?;
            st.large_bytes = st.large_bytes - old.size() + new.size();
            st.reserve_grew();
            return Some(moved);
        }
        // Otherwise move: allocate, copy, free.
        let moved = self.alloc(new)?;
        // SAFETY: both blocks are live and distinct, each at least `min` bytes long; the
        // old block is freed with the layout it was allocated with.
        unsafe {
            ptr::copy_nonoverlapping(ptr.as_ptr(), moved.as_ptr(), old.size().min(new.size()));
            self.dealloc(ptr, old);
        }
        Some(moved)
    }

    #[inline(always)]
    unsafe fn block_size(&self, ptr: NonNull<u8>, layout: Layout) -> usize {
        if is_small(layout.size(), layout.align()) {
            // The pool's class, not the layout's: a block shrunk in place keeps its size.
            let pool = (ptr.as_ptr() as usize & self.state().pool_mask) as *const PoolHeader;
            // SAFETY: a live small block lies in a carved pool with a valid header.
            class_size(unsafe { (*pool).szidx } as usize)
        } else {
            layout.size()
        }
    }

    fn reserved_bytes(&self) -> usize {
        self.state().reserved()
    }

    /// Exact: raised whenever an arena is mapped or a large block grows the reserve.
    fn peak_reserved_bytes(&self) -> Option<usize> {
        Some(self.state().peak_reserved)
    }
}

#[cfg(test)]
mod tests;
