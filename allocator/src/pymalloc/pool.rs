//! Pools: a pool is one `pool_size` piece of an arena that serves blocks of a single
//! size class.
//!
//! ```text
//!  pool (pool_size bytes, pool_size-aligned)
//!  +-------------+---------+---------+---------+-----+------------------+
//!  | PoolHeader  | block 0 | block 1 | block 2 | ... | virgin blocks    |
//!  | (48 bytes)  |         |         |         |     | (never touched)  |
//!  +-------------+---------+---------+---------+-----+------------------+
//!                ^ POOL_OVERHEAD                      ^ nextoffset
//! ```
//!
//! Because pools are aligned to their size, the header of the pool holding a block is
//! found by masking the block's address (CPython's `POOL_ADDR`). Freed blocks form a
//! singly-linked list threaded through their first word (`freeblock`); blocks from
//! `nextoffset` on have never been handed out and are carved one at a time when the free
//! list is empty, so a pool never touches memory before it hands it out.
//!
//! A pool is in one of three states:
//! - **used**: some blocks allocated, some free; linked in the size class's `usedpools`
//!   list. Invariant: a used pool has a free block, on its free list or at `nextoffset`
//!   (`freeblock` is not null, or `nextoffset <= maxnextoffset`).
//! - **full**: every block allocated (`freeblock` is null and `nextoffset >
//!   maxnextoffset`); linked in no list.
//! - **empty**: no block allocated and virgin (`freeblock` null, `nextoffset` at the
//!   first block); linked in its arena's `freepools` list, ready to serve any class.

use core::mem::size_of;

use crate::size_class::ALIGNMENT;

/// Header at the start of every pool (CPython's `struct pool_header`).
///
/// Invariants: `count` is the number of allocated blocks; `freeblock` heads a list of
/// freed blocks of this pool, each linking the next through its first word (null ends
/// it); every block below `nextoffset` has been handed out at least once, none at or
/// above it has, and `nextoffset <= maxnextoffset + size`.
#[repr(C)]
pub(super) struct PoolHeader {
    /// Number of allocated blocks.
    pub count: u32,
    /// Size class index, or [`DUMMY_SIZE_IDX`] for a pool that never served one.
    pub szidx: u32,
    /// Head of the pool's list of freed blocks (null when empty).
    pub freeblock: *mut u8,
    /// Next pool: in `usedpools[szidx]` when used, in the arena's `freepools` when empty.
    pub nextpool: *mut PoolHeader,
    /// Previous pool in `usedpools[szidx]` (null at the head); meaningless otherwise.
    pub prevpool: *mut PoolHeader,
    /// Index of the owning arena in the arena table.
    pub arenaindex: u32,
    /// Offset from the pool start of the first virgin block.
    pub nextoffset: u32,
    /// Largest valid `nextoffset`.
    pub maxnextoffset: u32,
}

/// Bytes at the start of each pool taken by its header, rounded to the block alignment
/// (CPython's `POOL_OVERHEAD`: 48 bytes on 64-bit machines).
pub(super) const POOL_OVERHEAD: usize = size_of::<PoolHeader>().div_ceil(ALIGNMENT) * ALIGNMENT;

/// `szidx` of a pool carved from an arena but never initialised for a size class.
pub(super) const DUMMY_SIZE_IDX: u32 = 0xffff;

/// Number of blocks of `size` bytes in a pool of `pool_size` bytes (CPython's `NUMBLOCKS`).
pub(super) const fn blocks_per_pool(pool_size: usize, size: usize) -> usize {
    (pool_size - POOL_OVERHEAD) / size
}

const _: () = assert!(
    POOL_OVERHEAD == 48,
    "pool header must match CPython's 48 bytes"
);
