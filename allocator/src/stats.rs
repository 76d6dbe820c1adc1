//! Allocation statistics, the same for every strategy.
//!
//! A [`Stats`] is a snapshot taken by [`Counted::stats`](crate::Counted::stats). Three
//! byte measures describe memory from the program's view down to the operating system's:
//!
//! - *requested*: the bytes callers asked for, summed over live blocks;
//! - *in use*: the bytes of the blocks that serve them, after the strategy's rounding
//!   (a 17-byte request takes a 32-byte pymalloc block);
//! - *reserved*: the bytes the strategy holds from the OS (arenas, chunks, heaps),
//!   whether or not blocks are carved from them.
//!
//! Fragmentation is reserved / in use: 1.0 is perfect, 2.0 means half the memory taken
//! from the OS serves no live block.

use crate::size_class::{bucket_label, HISTOGRAM_BUCKETS};

/// A snapshot of one allocator's statistics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Successful allocations of real blocks: a zero-sized request is no block and is
    /// not counted; growing a zero-sized block counts here.
    pub allocations: u64,
    /// Deallocations of real blocks (shrinking one to zero size counts here).
    pub frees: u64,
    /// Successful reallocations (grow or shrink) of a real block to a real block.
    pub reallocations: u64,
    /// Bytes requested over the whole run: every allocation's size, plus every growth.
    pub total_requested_bytes: u64,
    /// Bytes requested by the live blocks.
    pub requested_bytes: usize,
    /// High-water mark of `requested_bytes`.
    pub peak_requested_bytes: usize,
    /// Bytes of the live blocks, after the strategy's rounding.
    pub in_use_bytes: usize,
    /// High-water mark of `in_use_bytes`.
    pub peak_in_use_bytes: usize,
    /// Bytes held from the operating system.
    pub reserved_bytes: usize,
    /// High-water mark of `reserved_bytes`. For strategies whose reserve can only be
    /// sampled (system malloc, mimalloc) this is the largest sample; see
    /// [`RawAlloc::RESERVED_IS_EXACT`](crate::RawAlloc::RESERVED_IS_EXACT).
    pub peak_reserved_bytes: usize,
    /// Allocations per size bucket: the 32 small size classes, then power-of-two buckets
    /// for large requests (see [`crate::size_class`]).
    pub histogram: [u64; HISTOGRAM_BUCKETS],
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            allocations: 0,
            frees: 0,
            reallocations: 0,
            total_requested_bytes: 0,
            requested_bytes: 0,
            peak_requested_bytes: 0,
            in_use_bytes: 0,
            peak_in_use_bytes: 0,
            reserved_bytes: 0,
            peak_reserved_bytes: 0,
            histogram: [0; HISTOGRAM_BUCKETS],
        }
    }
}

impl Stats {
    /// Current fragmentation, reserved / in use; `None` while nothing is in use.
    pub fn fragmentation(&self) -> Option<f64> {
        ratio(self.reserved_bytes, self.in_use_bytes)
    }

    /// Fragmentation at the peaks, peak reserved / peak in use; `None` if nothing was
    /// ever in use.
    pub fn peak_fragmentation(&self) -> Option<f64> {
        ratio(self.peak_reserved_bytes, self.peak_in_use_bytes)
    }

    /// Live blocks: allocations minus frees.
    pub fn live_blocks(&self) -> u64 {
        self.allocations - self.frees
    }

    /// The non-empty histogram buckets as (label, count) pairs, smallest first.
    pub fn histogram_rows(&self) -> impl Iterator<Item = (String, u64)> + '_ {
        self.histogram
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (bucket_label(i), n))
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}
