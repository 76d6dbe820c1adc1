//! pymalloc's debug report, in the spirit of CPython's `sys._debugmallocstats()`.
//!
//! The report walks every mapped arena and every carved pool, so it costs O(pools); it
//! accounts for every byte of every arena: blocks in use, free blocks, unused pools,
//! pool headers, quantization (the tail of a pool too small for one more block) and the
//! pool lost when an arena's mapping is not pool-aligned.

use core::fmt;

use super::pool::{blocks_per_pool, PoolHeader, POOL_OVERHEAD};
use super::State;
use crate::size_class::{class_size, NB_SMALL_SIZE_CLASSES, SMALL_REQUEST_THRESHOLD};

/// Pools and blocks of one size class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassUsage {
    /// Size class index.
    pub class: usize,
    /// Block size in bytes.
    pub size: usize,
    /// Pools serving the class (used or full).
    pub pools: usize,
    /// Blocks allocated.
    pub blocks_in_use: usize,
    /// Free blocks in those pools (on free lists or never carved).
    pub avail_blocks: usize,
}

/// A snapshot of pymalloc's arenas, pools and blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugStats {
    /// Arena size in bytes.
    pub arena_size: usize,
    /// Pool size in bytes.
    pub pool_size: usize,
    /// One row per size class with at least one pool.
    pub classes: Vec<ClassUsage>,
    /// Arenas mapped over the allocator's life.
    pub arenas_allocated_total: usize,
    /// Arenas returned to the OS.
    pub arenas_reclaimed: usize,
    /// Most arenas mapped at once.
    pub arenas_highwater: usize,
    /// Arenas mapped now.
    pub arenas_allocated_current: usize,
    /// Pools not serving any class: empty or never carved.
    pub unused_pools: usize,
    /// Bytes in allocated small blocks.
    pub allocated_bytes: usize,
    /// Bytes in free blocks of used pools.
    pub available_bytes: usize,
    /// Bytes taken by pool headers.
    pub pool_header_bytes: usize,
    /// Bytes at pool ends too small for another block.
    pub quantization_bytes: usize,
    /// Bytes lost to arenas whose mapping is not pool-aligned.
    pub arena_alignment_bytes: usize,
    /// Live large blocks (served by the system allocator).
    pub large_blocks: usize,
    /// Bytes of live large blocks.
    pub large_bytes: usize,
}

impl DebugStats {
    /// Bytes held in arenas: every arena byte is in exactly one of the report's lines.
    pub fn arena_bytes(&self) -> usize {
        self.arenas_allocated_current * self.arena_size
    }
}

pub(super) fn debug_stats(st: &State) -> DebugStats {
    let arenas = &st.arenas;
    let pool_size = arenas.pool_size;
    let mut classes: Vec<ClassUsage> = (0..NB_SMALL_SIZE_CLASSES)
        .map(|class| ClassUsage {
            class,
            size: class_size(class),
            ..ClassUsage::default()
        })
        .collect();
    let mut report = DebugStats {
        arena_size: arenas.arena_size,
        pool_size,
        arenas_allocated_total: arenas.counts.allocated_total,
        arenas_reclaimed: arenas.counts.reclaimed,
        arenas_highwater: arenas.counts.highwater,
        arenas_allocated_current: arenas.counts.current,
        large_blocks: st.large_blocks,
        large_bytes: st.large_bytes,
        ..DebugStats::default()
    };
    for arena in arenas.objects.iter().filter(|a| a.address != 0) {
        report.unused_pools += arena.nfreepools as usize;
        let first = arena.address.next_multiple_of(pool_size);
        if first != arena.address {
            report.arena_alignment_bytes += pool_size;
        }
        for base in (first..arena.pool_address).step_by(pool_size) {
            // SAFETY: every pool below `pool_address` of a mapped arena was carved and
            // its header written; the report only reads it.
            let pool = unsafe { &*(base as *const PoolHeader) };
            if pool.count == 0 {
                continue; // empty: counted in nfreepools
            }
            let usage = &mut classes[pool.szidx as usize];
            usage.pools += 1;
            usage.blocks_in_use += pool.count as usize;
            usage.avail_blocks += blocks_per_pool(pool_size, usage.size) - pool.count as usize;
        }
    }
    for usage in &classes {
        report.allocated_bytes += usage.blocks_in_use * usage.size;
        report.available_bytes += usage.avail_blocks * usage.size;
        report.pool_header_bytes += usage.pools * POOL_OVERHEAD;
        report.quantization_bytes += usage.pools * ((pool_size - POOL_OVERHEAD) % usage.size);
    }
    report.classes = classes.into_iter().filter(|c| c.pools > 0).collect();
    report
}

/// A number with thousands separators, as CPython prints them.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for DebugStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes.\n"
        )?;
        writeln!(f, "class   size   num pools   blocks in use  avail blocks")?;
        writeln!(f, "-----   ----   ---------   -------------  ------------")?;
        for c in &self.classes {
            writeln!(
                f,
                "{:5} {:6} {:11} {:15} {:13}",
                c.class, c.size, c.pools, c.blocks_in_use, c.avail_blocks
            )?;
        }
        let line = |f: &mut fmt::Formatter<'_>, label: &str, n: usize| {
            writeln!(f, "{label:<35}= {:>20}", grouped(n))
        };
        writeln!(f)?;
        line(f, "# arenas allocated total", self.arenas_allocated_total)?;
        line(f, "# arenas reclaimed", self.arenas_reclaimed)?;
        line(f, "# arenas highwater mark", self.arenas_highwater)?;
        line(
            f,
            "# arenas allocated current",
            self.arenas_allocated_current,
        )?;
        line(
            f,
            &format!(
                "{} arenas * {} bytes/arena",
                self.arenas_allocated_current, self.arena_size
            ),
            self.arena_bytes(),
        )?;
        writeln!(f)?;
        line(f, "# bytes in allocated blocks", self.allocated_bytes)?;
        line(f, "# bytes in available blocks", self.available_bytes)?;
        line(
            f,
            &format!(
                "{} unused pools * {} bytes",
                self.unused_pools, self.pool_size
            ),
            self.unused_pools * self.pool_size,
        )?;
        line(f, "# bytes lost to pool headers", self.pool_header_bytes)?;
        line(f, "# bytes lost to quantization", self.quantization_bytes)?;
        line(
            f,
            "# bytes lost to arena alignment",
            self.arena_alignment_bytes,
        )?;
        line(
            f,
            "Total",
            self.allocated_bytes
                + self.available_bytes
                + self.unused_pools * self.pool_size
                + self.pool_header_bytes
                + self.quantization_bytes
                + self.arena_alignment_bytes,
        )?;
        writeln!(f)?;
        line(f, "# large blocks (system malloc)", self.large_blocks)?;
        line(f, "# bytes in large blocks", self.large_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(4194304), "4,194,304");
    }
}
