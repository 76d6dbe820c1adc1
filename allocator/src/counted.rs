//! The counting wrapper that turns a raw strategy into an `Allocator` with statistics.
//!
//! Every strategy implements the small [`RawAlloc`] trait; [`Counted`] wraps it, implements
//! [`allocator_api2::alloc::Allocator`] and keeps the [`Stats`]. Counting lives here once,
//! for every strategy. [`Uncounted`] is the same `Allocator` without any bookkeeping: what
//! benchmarks time, since asking glibc or mimalloc for a block's size costs a library
//! call that pymalloc does not pay, and timing that would measure the bookkeeping.
//!
//! Both wrappers settle two rules of the `Allocator` contract for every strategy:
//! zero-sized requests never reach the strategy (they get a dangling, aligned pointer,
//! as from `std::alloc::Global`), and the block handed back is exactly the requested size,
//! so `deallocate` always receives the layout the block was allocated with.

use core::alloc::Layout;
use core::cell::Cell;
use core::ptr::NonNull;

use allocator_api2::alloc::{AllocError, Allocator};

use crate::size_class::{histogram_bucket, HISTOGRAM_BUCKETS};
use crate::stats::Stats;

/// A raw allocation strategy: what every strategy implements.
///
/// Layouts passed to these methods never have size zero. The caller guarantees that a
/// pointer passed to `dealloc`, `realloc` or `block_size` came from this strategy's
/// `alloc` or `realloc` with exactly the layout given, and is not used after it is freed.
///
/// # Safety
///
/// Implementors promise that `alloc` and `realloc` return blocks that are valid for reads
/// and writes of `layout.size()` bytes, aligned to `layout.align()`, disjoint from every
/// other live block, and that stay valid until passed to `dealloc` or `realloc` (or until
/// the strategy is reset or dropped).
pub unsafe trait RawAlloc {
    /// The strategy's name, as chosen on the command line.
    fn name(&self) -> &'static str;

    /// Allocate a block for `layout`; `None` if memory is exhausted.
    fn alloc(&self, layout: Layout) -> Option<NonNull<u8>>;

    /// Free a block.
    ///
    /// # Safety
    /// `ptr` is live and was allocated by this strategy with `layout`.
    unsafe fn dealloc(&self, ptr: NonNull<u8>, layout: Layout);

    /// Move or resize a block to `new`, keeping its first `min(old.size(), new.size())`
    /// bytes. On `None` the old block is untouched and still live.
    ///
    /// # Safety
    /// `ptr` is live and was allocated by this strategy with `old`.
    unsafe fn realloc(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Option<NonNull<u8>>;

    /// The bytes the live block at `ptr` (allocated with `layout`) takes from the
    /// strategy: at least `layout.size()`; the strategy's rounding shows here.
    ///
    /// # Safety
    /// `ptr` is live and was allocated by this strategy with `layout`.
    unsafe fn block_size(&self, ptr: NonNull<u8>, layout: Layout) -> usize;

    /// Bytes currently held from the operating system.
    fn reserved_bytes(&self) -> usize;

    /// The high-water mark of `reserved_bytes`, for strategies that know it exactly
    /// (they see every growth of their reserve). `None` (the default) makes the wrapper
    /// sample `reserved_bytes` as the heap grows instead.
    fn peak_reserved_bytes(&self) -> Option<usize> {
        None
    }

    /// Give all memory back for reuse; called only when no block is live. Strategies
    /// that free as they go need do nothing (the default).
    fn reset(&mut self) {}
}

/// A strategy with statistics: implements [`Allocator`], so `allocator_api2` vectors and
/// `hashbrown` tables can allocate from it (through `&Counted<R>`).
pub struct Counted<R> {
    raw: R,
    counters: Counters,
}

/// The live statistics; `Cell`s because `Allocator` takes `&self` and heaplab's heaps
/// are single-threaded (the strategies are `!Sync`).
struct Counters {
    allocations: Cell<u64>,
    frees: Cell<u64>,
    reallocations: Cell<u64>,
    total_requested: Cell<u64>,
    requested: Cell<usize>,
    peak_requested: Cell<usize>,
    in_use: Cell<usize>,
    peak_in_use: Cell<usize>,
    /// For sampled strategies: the largest reading of the reserve.
    peak_reserved: Cell<usize>,
    /// For sampled strategies: read the reserve again when `in_use` passes this (never,
    /// for strategies that know their peak).
    next_sample: Cell<usize>,
    histogram: [Cell<u64>; HISTOGRAM_BUCKETS],
}

impl Default for Counters {
    fn default() -> Self {
        Counters {
            allocations: Cell::new(0),
            frees: Cell::new(0),
            reallocations: Cell::new(0),
            total_requested: Cell::new(0),
            requested: Cell::new(0),
            peak_requested: Cell::new(0),
            in_use: Cell::new(0),
            peak_in_use: Cell::new(0),
            peak_reserved: Cell::new(0),
            next_sample: Cell::new(0),
            histogram: core::array::from_fn(|_| Cell::new(0)),
        }
    }
}

/// Sampled strategies take a new reading each time in-use bytes grow by this fraction
/// (1/64) past the last reading, so sampling costs O(log(peak)) readings and a sampled
/// peak is within about 2% of the true one.
const SAMPLE_GROWTH_SHIFT: u32 = 6;
/// ... and never more often than every 64 KiB of growth.
const SAMPLE_MIN_STEP: usize = 64 << 10;

impl<R: RawAlloc> Counted<R> {
    /// Wrap a raw strategy.
    pub fn new(raw: R) -> Self {
        let this = Counted {
            raw,
            counters: Counters::default(),
        };
        this.note_reserved();
        this
    }

    /// The strategy's name.
    pub fn name(&self) -> &'static str {
        self.raw.name()
    }

    /// The raw strategy, for strategy-specific reports.
    pub fn raw(&self) -> &R {
        &self.raw
    }

    /// Live blocks (allocations minus frees), cheaply: no snapshot.
    #[inline]
    pub fn live_blocks(&self) -> u64 {
        self.counters.allocations.get() - self.counters.frees.get()
    }

    /// Bytes of the live blocks, cheaply: no snapshot.
    #[inline]
    pub fn in_use_bytes(&self) -> usize {
        self.counters.in_use.get()
    }

    /// Stop counting: the strategy, with every block it holds still valid.
    pub fn into_raw(self) -> R {
        self.raw
    }

    /// Give the strategy's memory back for reuse (a bump allocator rewinds; the others
    /// already reuse freed memory). Only possible when no block is live: returns
    /// `Err(live_blocks)` otherwise. Statistics carry on; peaks are kept.
    pub fn reset(&mut self) -> Result<(), u64> {
        let live = self.live_blocks();
        if live != 0 {
            return Err(live);
        }
        self.raw.reset();
        self.note_reserved();
        Ok(())
    }

    /// A snapshot of the statistics. Takes a fresh reading of the reserve.
    pub fn stats(&self) -> Stats {
        let c = &self.counters;
        let reserved = self.note_reserved();
        let mut histogram = [0; HISTOGRAM_BUCKETS];
        for (out, cell) in histogram.iter_mut().zip(&c.histogram) {
            *out = cell.get();
        }
        Stats {
            allocations: c.allocations.get(),
            frees: c.frees.get(),
            reallocations: c.reallocations.get(),
            total_requested_bytes: c.total_requested.get(),
            requested_bytes: c.requested.get(),
            peak_requested_bytes: c.peak_requested.get(),
            in_use_bytes: c.in_use.get(),
            peak_in_use_bytes: c.peak_in_use.get(),
            reserved_bytes: reserved,
            peak_reserved_bytes: self
                .raw
                .peak_reserved_bytes()
                .unwrap_or_else(|| c.peak_reserved.get()),
            histogram,
        }
    }

    /// Read the reserve; for sampled strategies, raise the sampled peak and set when to
    /// sample next. Returns the reading.
    fn note_reserved(&self) -> usize {
        let reserved = self.raw.reserved_bytes();
        let c = &self.counters;
        if self.raw.peak_reserved_bytes().is_some() {
            c.next_sample.set(usize::MAX);
        } else {
            c.peak_reserved.set(c.peak_reserved.get().max(reserved));
            let in_use = c.in_use.get();
            let step = (in_use >> SAMPLE_GROWTH_SHIFT).max(SAMPLE_MIN_STEP);
            c.next_sample.set(in_use.saturating_add(step));
        }
        reserved
    }

    #[inline(always)]
    fn after_growth(&self) {
        let c = &self.counters;
        if c.in_use.get() >= c.next_sample.get() {
            self.note_reserved();
        }
    }

    #[inline(always)]
    fn add_live(&self, requested: usize, block: usize) {
        let c = &self.counters;
        let r = c.requested.get() + requested;
        c.requested.set(r);
        if r > c.peak_requested.get() {
            c.peak_requested.set(r);
        }
        let u = c.in_use.get() + block;
        c.in_use.set(u);
        if u > c.peak_in_use.get() {
            c.peak_in_use.set(u);
        }
    }

    #[inline(always)]
    fn remove_live(&self, requested: usize, block: usize) {
        let c = &self.counters;
        c.requested.set(c.requested.get() - requested);
        c.in_use.set(c.in_use.get() - block);
    }

    #[inline(always)]
    fn count_allocation(&self, size: usize) {
        let c = &self.counters;
        c.allocations.set(c.allocations.get() + 1);
        c.total_requested.set(c.total_requested.get() + size as u64);
        let bucket = &c.histogram[histogram_bucket(size)];
        bucket.set(bucket.get() + 1);
    }

    /// Resize a block through the strategy and count it as one reallocation. Zero-sized
    /// sides never reach the strategy: growing from zero allocates, shrinking to zero frees.
    ///
    /// # Safety
    /// As [`Allocator::grow`]: `ptr` is live in this allocator with layout `old`.
    unsafe fn resize(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let old_block = if old.size() == 0 {
            0
        } else {
            // SAFETY: the caller guarantees the block is live with layout `old`.
            unsafe { self.raw.block_size(ptr, old) }
        };
        // SAFETY: forwarded from the caller.
        let moved = unsafe { resize_raw(&self.raw, ptr, old, new) }?;
        let new_block = if new.size() == 0 {
            0
        } else {
            // SAFETY: `moved` was just returned by the strategy for layout `new`.
            unsafe { self.raw.block_size(moved, new) }
        };
        let c = &self.counters;
        match (old.size(), new.size()) {
            // Zero-sized blocks are not counted as blocks: growing one is an allocation,
            // shrinking to one a free, so `live_blocks` counts exactly the real blocks.
            (0, 0) => {}
            (0, size) => {
                c.allocations.set(c.allocations.get() + 1);
                let bucket = &c.histogram[histogram_bucket(size)];
                bucket.set(bucket.get() + 1);
            }
            (_, 0) => c.frees.set(c.frees.get() + 1),
            _ => c.reallocations.set(c.reallocations.get() + 1),
        }
        c.total_requested
            .set(c.total_requested.get() + new.size().saturating_sub(old.size()) as u64);
        self.remove_live(old.size(), old_block);
        self.add_live(new.size(), new_block);
        self.after_growth();
        Ok(NonNull::slice_from_raw_parts(moved, new.size()))
    }
}

/// Resize through the strategy; zero-sized sides never reach it (growing from zero
/// allocates, shrinking to zero frees).
///
/// # Safety
/// As [`Allocator::grow`]: `ptr` is live in `raw` with layout `old` (or dangling when
/// `old` is zero-sized).
#[inline]
unsafe fn resize_raw<R: RawAlloc>(
    raw: &R,
    ptr: NonNull<u8>,
    old: Layout,
    new: Layout,
) -> Result<NonNull<u8>, AllocError> {
    match (old.size(), new.size()) {
        (0, 0) => Ok(dangling(new)),
        (0, _) => raw.alloc(new).ok_or(AllocError),
        (_, 0) => {
            // SAFETY: forwarded from the caller.
            unsafe { raw.dealloc(ptr, old) };
            Ok(dangling(new))
        }
        // SAFETY: forwarded from the caller.
        _ => unsafe { raw.realloc(ptr, old, new) }.ok_or(AllocError),
    }
}

/// An aligned, non-null pointer for a zero-sized block.
#[inline(always)]
fn dangling(layout: Layout) -> NonNull<u8> {
    // An address equal to the alignment is non-null and aligned; zero-sized blocks are
    // never read or written.
    NonNull::<u8>::dangling()
        .with_addr(core::num::NonZeroUsize::new(layout.align()).expect("alignment is never zero"))
}

// SAFETY: blocks come from `RawAlloc`, whose contract gives exactly the guarantees
// `Allocator` requires (valid, aligned, disjoint, live until freed); zero-sized blocks
// are dangling aligned pointers that are never dereferenced. Moving a `Counted` moves
// the strategy, which owns its memory through pointers, not inline, so blocks stay valid.
unsafe impl<R: RawAlloc> Allocator for Counted<R> {
    #[inline(always)]
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let size = layout.size();
        let ptr = if size == 0 {
            dangling(layout)
        } else {
            let ptr = self.raw.alloc(layout).ok_or(AllocError)?;
            // SAFETY: `ptr` was just allocated by the strategy with `layout`.
            let block = unsafe { self.raw.block_size(ptr, layout) };
            self.add_live(size, block);
            self.after_growth();
            self.count_allocation(size);
            ptr
        };
        Ok(NonNull::slice_from_raw_parts(ptr, size))
    }

    #[inline(always)]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        // A zero-sized block was never counted (nor allocated: some containers hand back
        // a dangling pointer they never asked for, and that is no free either).
        if layout.size() != 0 {
            let c = &self.counters;
            c.frees.set(c.frees.get() + 1);
            // SAFETY: the caller guarantees `ptr` is live here with `layout`.
            let block = unsafe { self.raw.block_size(ptr, layout) };
            self.remove_live(layout.size(), block);
            // SAFETY: as above.
            unsafe { self.raw.dealloc(ptr, layout) };
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        debug_assert!(new.size() >= old.size(), "grow must not shrink");
        // SAFETY: forwarded from the caller.
        unsafe { self.resize(ptr, old, new) }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        debug_assert!(new.size() <= old.size(), "shrink must not grow");
        // SAFETY: forwarded from the caller.
        unsafe { self.resize(ptr, old, new) }
    }
}

/// A strategy as an [`Allocator`] with no bookkeeping at all: what benchmarks time.
pub struct Uncounted<R>(pub R);

impl<R: RawAlloc> Uncounted<R> {
    /// Give the strategy's memory back for reuse; only when no block allocated through
    /// this wrapper is live (the caller's word, since nothing here counts blocks).
    pub fn reset(&mut self) {
        self.0.reset();
    }
}

// SAFETY: as for `Counted`: blocks come from `RawAlloc`, whose contract gives what
// `Allocator` requires, and zero-sized blocks are dangling aligned pointers.
unsafe impl<R: RawAlloc> Allocator for Uncounted<R> {
    #[inline(always)]
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        let ptr = if layout.size() == 0 {
            dangling(layout)
        } else {
            self.0.alloc(layout).ok_or(AllocError)?
        };
        Ok(NonNull::slice_from_raw_parts(ptr, layout.size()))
    }

    #[inline(always)]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        if layout.size() != 0 {
            // SAFETY: the caller guarantees `ptr` is live here with `layout`.
            unsafe { self.0.dealloc(ptr, layout) }
        }
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded from the caller.
        let moved = unsafe { resize_raw(&self.0, ptr, old, new) }?;
        Ok(NonNull::slice_from_raw_parts(moved, new.size()))
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded from the caller.
        let moved = unsafe { resize_raw(&self.0, ptr, old, new) }?;
        Ok(NonNull::slice_from_raw_parts(moved, new.size()))
    }
}
